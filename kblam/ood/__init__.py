"""Out-of-distribution evaluation of the knowledge chat: KBs built from real data tables that ship with Python and
its installed packages (no synthetic generator), hand-written question phrasings kept apart from training
(``templates.json``; ``dev_templates.json`` holds other phrasings for calibration and tuning), and a runner that
asks every question through the engine's default mode and reports per KB and per question kind.

Modules: :mod:`.kbs` (KB builders), :mod:`.questions` (question sets), :mod:`.runner` (evaluation, report, CLI)."""
