"""Consonant skeletons shared by Latin and Arabic script, for cross-script names.

A Latin name written in Arabic letters keeps its consonants and loses (or
changes) its vowels. Both scripts are mapped to one set of consonant classes;
vowels, ``w``/``y`` and the Arabic vowel letters are dropped and a repeated
class counts once. "Twitch" and "تويتش" both give ``TS``; a garbling that
changes or drops a consonant ("سويتش", ``STS``) is one edit away.

The table (class: Latin, Arabic):

=====  =======================  =================
class  Latin                    Arabic
=====  =======================  =================
B      b p                      ب پ
F      f v ph                   ف ڤ
T      t th                     ت ط ث
D      d                        د ض ذ
S      s z x(after K) c(e,i,y)  س ص ز ظ ش
       sh ch tch                ش
K      k q g j c ck x           ك ق غ گ ج خ
L      l                        ل
M      m                        م
N      n                        ن
R      r                        ر
H      h                        ه ح
=====  =======================  =================
"""

from __future__ import annotations

_ARABIC = {
    **dict.fromkeys("بپ", "B"),
    **dict.fromkeys("فڤ", "F"),
    **dict.fromkeys("تطث", "T"),
    **dict.fromkeys("دضذ", "D"),
    **dict.fromkeys("سصزظش", "S"),
    **dict.fromkeys("كقغگجخ", "K"),
    "ل": "L",
    "م": "M",
    "ن": "N",
    "ر": "R",
    **dict.fromkeys("هح", "H"),
}
_LATIN_DIGRAPHS = (
    ("tch", "S"),
    ("sch", "S"),
    ("sh", "S"),
    ("ch", "S"),
    ("ph", "F"),
    ("th", "T"),
    ("ck", "K"),
)
_LATIN = {
    **dict.fromkeys("bp", "B"),
    **dict.fromkeys("fv", "F"),
    "t": "T",
    "d": "D",
    **dict.fromkeys("sz", "S"),
    **dict.fromkeys("kqgj", "K"),
    "l": "L",
    "m": "M",
    "n": "N",
    "r": "R",
    "h": "H",
}


def _collapse(classes: list[str]) -> str:
    return "".join(c for i, c in enumerate(classes) if i == 0 or c != classes[i - 1])


def arabic_skeleton(word: str) -> str:
    return _collapse([_ARABIC[c] for c in word if c in _ARABIC])


def latin_skeleton(word: str) -> str:
    text = word.lower()
    out: list[str] = []
    i = 0
    while i < len(text):
        for digraph, cls in _LATIN_DIGRAPHS:
            if text.startswith(digraph, i):
                out.append(cls)
                i += len(digraph)
                break
        else:
            ch = text[i]
            if ch == "c":
                out.append("S" if text[i + 1 : i + 2] in ("e", "i", "y") else "K")
            elif ch == "x":
                out.extend(("K", "S"))
            elif ch in _LATIN:
                out.append(_LATIN[ch])
            i += 1
    return _collapse(out)
