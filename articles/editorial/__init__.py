"""The newsroom's editorial rules: who may do what (permissions), the one gate
every change of an article's state goes through (workflow), and revisions."""
