"""Assessment: question types, grading, quiz banks, the quiz component, progress, exercise checks and the gradebook.

:mod:`.core` holds the constants and the one rule that decides whether a question is solved; everything else
(the live quiz, the scorecard, the gradebook, the answer key, the static site's quiz) uses it.
"""
