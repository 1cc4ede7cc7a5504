"""Text processing before tagging: normalisation with an offset map, sentences, syllable tokens,
word segmentation (for PhoBERT) and the Vietnamese word lists shared by features and event rules."""
