"""Running a newsroom: the demo content (demo/), the benchmark's article generator
(generate/), and backing up and restoring a whole site (backup.py), each with its
management command (load_demo, generate_articles, backup_site, restore_site).

ops is the only code allowed to import both articles and comments: it makes and
keeps whole sites, comments included. Nothing imports ops.
"""
