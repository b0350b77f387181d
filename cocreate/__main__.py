from cocreate.cli import cli

cli(prog_name="cocreate")
