"""JSON Schemas shipped with the package: the public result format, the snapshot format, the fleet
summary (`hygiene fleet summarize -f json`) and the failure record the Ansible playbook writes."""
