"""KBLaM knowledge chat, the core half: KB parsing, encoders, adapters, rectangular attention, model loading,
the engine (one generation loop for KB chat and plain chat), training, evaluation, and the services the web
layer and the CLI share (serving, chat_service, kb_store, training_jobs, eval_runner). No UI code."""
