"""Strings of the backlog triage: refusals, staff, the feedback export and the CLI."""

STRINGS: dict[str, dict[str, str]] = {
    # lifecycle files
    "triage.lifecycle.missing": {
        "en": "No lifecycle file {file}.",
        "fr": "Aucun fichier de cycle de vie {file}.",
    },
    "triage.lifecycle.bad": {
        "en": "{file}: {key}: expected {problem}.",
        "fr": "{file} : {key} : attendu {problem}.",
    },
    # who may act
    "triage.denied.signed_out": {
        "en": "Sign in as a staff member first.",
        "fr": "Connectez-vous d'abord comme membre de l'équipe.",
    },
    "triage.denied.role": {
        "en": "{name} (role {role}) may not do this.",
        "fr": "{name} (rôle {role}) ne peut pas faire cela.",
    },
    "triage.denied.no_department": {
        "en": "{name} is a valuator without a department: nothing can be assigned to them.",
        "fr": "{name} est valuateur sans service : rien ne peut lui être confié.",
    },
    "triage.denied.department_idea": {
        "en": "{name} values only what is assigned to the department {department}; idea"
        " {idea} is not. Nothing was changed.",
        "fr": "{name} n'évalue que ce qui est confié au service {department} ; l'idée {idea}"
        " ne l'est pas. Rien n'a été modifié.",
    },
    "triage.denied.department": {
        "en": "{name} values only what is assigned to the department {department}.",
        "fr": "{name} n'évalue que ce qui est confié au service {department}.",
    },
    "triage.denied.wrong_secret": {
        "en": "Unknown staff member or wrong secret.",
        "fr": "Membre inconnu ou secret erroné.",
    },
    # staff members
    "triage.staff.bad_role": {
        "en": "Unknown role {role}: roles are {roles}.",
        "fr": "Rôle inconnu {role} : les rôles sont {roles}.",
    },
    "triage.staff.no_name": {
        "en": "A staff member needs a name.",
        "fr": "Un membre de l'équipe doit avoir un nom.",
    },
    "triage.staff.valuator_department": {
        "en": "The valuator {name} needs a department (--department).",
        "fr": "Le valuateur {name} doit avoir un service (--department).",
    },
    "triage.staff.name_taken": {
        "en": "A staff member named {name} already exists.",
        "fr": "Un membre de l'équipe s'appelle déjà {name}.",
    },
    "triage.staff.unknown": {
        "en": "No staff member named {name}.",
        "fr": "Aucun membre de l'équipe ne s'appelle {name}.",
    },
    "triage.staff.added": {
        "en": "Staff member {name} added (role {role}). Their secret, shown only now: {secret}",
        "fr": "Membre {name} ajouté (rôle {role}). Son secret, affiché une seule fois : {secret}",
    },
    "triage.staff.none": {
        "en": "No staff members yet: `cocreate staff add NAME --role staff`.",
        "fr": "Aucun membre pour l'instant : `cocreate staff add NOM --role staff`.",
    },
    # targets
    "triage.unknown_idea": {
        "en": "No idea {idea} in workshop {workshop}.",
        "fr": "Aucune idée {idea} dans l'atelier {workshop}.",
    },
    "triage.unknown_cluster": {
        "en": "No group {cluster} in workshop {workshop}.",
        "fr": "Aucun groupe {cluster} dans l'atelier {workshop}.",
    },
    "triage.unknown_decision": {
        "en": "No decision {decision} in this workshop.",
        "fr": "Aucune décision {decision} dans cet atelier.",
    },
    "triage.one_target": {
        "en": "Name either ideas or one group, not both and not neither.",
        "fr": "Indiquez soit des idées, soit un groupe : ni les deux, ni aucun.",
    },
    # lifecycle rules
    "triage.unknown_state": {
        "en": "Unknown status {state}: statuses are {states}.",
        "fr": "Statut inconnu {state} : les statuts sont {states}.",
    },
    "triage.decide_instead": {
        "en": "An idea becomes “{state}” by a decision (outcome and answer), not by a status "
        "change.",
        "fr": "Une idée devient « {state} » par une décision (issue et réponse), pas par un "
        "changement de statut.",
    },
    "triage.refused_transition": {
        "en": "Idea {idea} cannot go from “{source}” to “{target}”: the lifecycle forbids it. "
        "Nothing was changed.",
        "fr": "L'idée {idea} ne peut pas passer de « {source} » à « {target} » : le cycle de vie "
        "l'interdit. Rien n'a été modifié.",
    },
    "triage.work_needs_acceptance": {
        "en": "Idea {idea} cannot go to “{target}”: its decision ({outcome}) does not accept it. "
        "Nothing was changed.",
        "fr": "L'idée {idea} ne peut pas passer à « {target} » : sa décision ({outcome}) ne la "
        "retient pas. Rien n'a été modifié.",
    },
    "triage.unknown_outcome": {
        "en": "Unknown decision {outcome}: decisions are {outcomes}.",
        "fr": "Décision inconnue {outcome} : les décisions sont {outcomes}.",
    },
    "triage.merged_needs_target": {
        "en": "A “merged” decision names the other idea it joins (merged into).",
        "fr": "Une décision « fusionnée » indique l'autre idée qu'elle rejoint.",
    },
    "triage.merged_into_only_for_merged": {
        "en": "Only a “merged” decision names another idea (not {outcome}).",
        "fr": "Seule une décision « fusionnée » indique une autre idée (pas {outcome}).",
    },
    "triage.review_first": {
        "en": "Idea {idea} is still “{state}” ({count} idea(s) in all): review it before "
        "deciding. Nothing was changed.",
        "fr": "L'idée {idea} est encore « {state} » ({count} idée(s) en tout) : examinez-la "
        "avant de décider. Rien n'a été modifié.",
    },
    "triage.assign_nobody": {
        "en": "Assign to a department, a staff member, or both.",
        "fr": "Confiez à un service, à un membre de l'équipe, ou aux deux.",
    },
    "triage.reason_required": {
        "en": "A valuation “not feasible” needs its written reason ({target}). Nothing was "
        "changed.",
        "fr": "Une évaluation « non faisable » doit donner sa raison par écrit ({target}). Rien "
        "n'a été modifié.",
    },
    "triage.bad_cost": {
        "en": "The cost {cost} is not an amount.",
        "fr": "Le coût {cost} n'est pas un montant.",
    },
    "triage.bad_date": {
        "en": "{value} is not a date (YYYY-MM-DD).",
        "fr": "{value} n'est pas une date (AAAA-MM-JJ).",
    },
    "triage.milestone_text": {
        "en": "A milestone needs a text.",
        "fr": "Une étape doit avoir un texte.",
    },
    "triage.milestone_needs_acceptance": {
        "en": "Milestones follow accepted ideas only (this decision: {outcome}).",
        "fr": "Les étapes ne suivent que des idées retenues (cette décision : {outcome}).",
    },
    # work on an idea
    "triage.edit.empty": {
        "en": "The new text of idea {idea} is empty.",
        "fr": "Le nouveau texte de l'idée {idea} est vide.",
    },
    "triage.redact.nothing": {
        "en": "None of the passages to hide appear in idea {idea}.",
        "fr": "Aucun des passages à masquer n'apparaît dans l'idée {idea}.",
    },
    "triage.redacted_marker": {"en": "[removed]", "fr": "[retiré]"},
    "triage.view.no_name": {
        "en": "A saved view needs a name.",
        "fr": "Une vue enregistrée doit avoir un nom.",
    },
    # mapping an import's progress column
    "triage.mapping.missing": {
        "en": "No progress mapping {name} in {folder}.",
        "fr": "Aucune correspondance d'avancement {name} dans {folder}.",
    },
    "triage.mapping.bad": {
        "en": "{file}: {key}: {problem}.",
        "fr": "{file} : {key} : {problem}.",
    },
    "triage.mapping.unknown_value": {
        "en": "Idea {idea}: the progress value “{value}” is not in the mapping {name}.",
        "fr": "Idée {idea} : la valeur d'avancement « {value} » n'est pas dans la "
        "correspondance {name}.",
    },
    # feedback export
    "feedback.sheet.rows": {"en": "Answers", "fr": "Réponses"},
    "feedback.sheet.no_contact": {"en": "Without contact", "fr": "Sans contact"},
    "feedback.col.author": {"en": "Author", "fr": "Auteur"},
    "feedback.col.contact": {"en": "Contact", "fr": "Contact"},
    "feedback.col.language": {"en": "Language", "fr": "Langue"},
    "feedback.col.idea_id": {"en": "Idea", "fr": "Idée"},
    "feedback.col.idea": {"en": "Idea text", "fr": "Texte de l'idée"},
    "feedback.col.decision": {"en": "Decision", "fr": "Décision"},
    "feedback.col.answer": {"en": "Answer", "fr": "Réponse"},
    "feedback.col.milestones": {"en": "Milestones", "fr": "Étapes"},
    "feedback.written": {
        "en": "{rows} answer(s) written to {path}; {missing} author(s) without a contact "
        "(listed in the file{where}).",
        "fr": "{rows} réponse(s) écrite(s) dans {path} ; {missing} auteur(s) sans contact "
        "(listé(s) dans le fichier{where}).",
    },
    "feedback.no_contact_file": {
        "en": " and in {path}",
        "fr": " et dans {path}",
    },
    # CLI
    "triage.cli.moved": {
        "en": "{count} idea(s) moved to “{state}” by {name}.",
        "fr": "{count} idée(s) passée(s) à « {state} » par {name}.",
    },
    "triage.cli.decided": {
        "en": "Decision {decision} ({outcome}) recorded by {name}; it applies to {count} idea(s).",
        "fr": "Décision {decision} ({outcome}) enregistrée par {name} ; elle s'applique à "
        "{count} idée(s).",
    },
    "triage.cli.progress": {
        "en": "{triaged} of {total} triaged; {shown} of {matching} shown.",
        "fr": "{triaged} sur {total} traitées ; {shown} sur {matching} affichées.",
    },
    "triage.cli.mapped": {
        "en": "Progress mapped: {counts}.",
        "fr": "Avancement appliqué : {counts}.",
    },
}
