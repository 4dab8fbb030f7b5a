"""Words that signal despair, per language, as data: the safety net (rules.distress_signalled) shows
the support panel when a note, a thought record or an evidence entry holds one of them.

Plain phrases as people write them, no patterns. They are matched after the same folding as search
(rules.normalise: case, accents, the Arabic letter forms people type interchangeably), as whole words
where a language has spaces between words, as a substring in Chinese. A false alarm costs little: the
panel is calm and only points to people who can help; a missed one costs more, so the lists lean wide.

Translators and operators extend a list here; a language without its own list uses English's. These
are not a screening tool, and nothing decides anything about the person from them.
"""

DISTRESS_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "hopeless",
        "no hope",
        "no way out",
        "can't go on",
        "cannot go on",
        "cant go on",
        "can't take it anymore",
        "can't take this anymore",
        "can't cope",
        "cannot cope",
        "give up on everything",
        "want to disappear",
        "want to die",
        "wish i were dead",
        "wish i was dead",
        "better off dead",
        "better off without me",
        "kill myself",
        "end my life",
        "end it all",
        "no reason to live",
        "nothing to live for",
        "no point in living",
        "hurt myself",
        "harm myself",
        "suicide",
        "suicidal",
    ),
    "zh-hant": (
        "絕望",
        "沒有希望",
        "沒希望",
        "活不下去",
        "不想活",
        "想死",
        "撐不下去",
        "受不了了",
        "生無可戀",
        "結束生命",
        "結束自己",
        "了結自己",
        "自殺",
        "輕生",
        "傷害自己",
        "沒有我會更好",
        "活著沒有意義",
    ),
    "ar": (
        "يائس",
        "يائسة",
        "اليأس",
        "لا أمل",
        "فقدت الأمل",
        "لا أستطيع الاستمرار",
        "لم أعد أحتمل",
        "لا أريد أن أعيش",
        "أريد أن أموت",
        "أتمنى الموت",
        "أقتل نفسي",
        "أنهي حياتي",
        "إنهاء حياتي",
        "انتحار",
        "أنتحر",
        "أؤذي نفسي",
        "لا معنى لحياتي",
        "تعبت من الحياة",
    ),
}
