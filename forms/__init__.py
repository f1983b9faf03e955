"""Procedures as data (``forms/procedures/*.toml``) and everything that checks answers.

* :mod:`forms.model`: the typed procedure model everybody shares;
* :mod:`forms.loader` (with :mod:`forms.parse`): definitions → model, with errors naming file and field;
* :mod:`forms.validators` and :mod:`forms.engine`: one answer / a whole answer set;
* :mod:`forms.flow`: the Qt-free journey (back-stack, conditional questions, review);
* :mod:`forms.address`: the 34 provinces and 3,321 communes after July 2025.

Qt-free and pure: any thread may call it.
"""
