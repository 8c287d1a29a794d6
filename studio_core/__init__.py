"""Parts both halves of the studio share (the dataset studio in ``datagen`` and the knowledge chat in
``kblam``): the root of the error hierarchy, Hub error translation and the default model names. It imports
neither half, so both can import it."""
