"""Similar questions: what `advice new` shows a contributor before they write a repeat."""

from __future__ import annotations

import datetime
import random

from advice_column.authoring.similar import _Corpus, content_words, find_similar, similar_lines
from advice_column.entries.model import Entry
from advice_column.entries.slugs import slugify

TITLES = [
    "Should I call or email when the interviewer said he'd call by Christmas?",
    "Is it OK to bring notes to a panel interview?",
    "How honest should I be about my biggest weakness?",
    "I had a great year. How do I ask for a raise without sounding greedy?",
    "The recruiter wants my salary expectations on the first call. What do I say?",
    "Does my résumé really have to fit on one page?",
    "Does anyone still read cover letters?",
    "Can I ask a boss from ten years ago to be a reference?",
    "My remote manager never answers my messages. What can I do?",
    "I'm an introvert and networking events make me miserable. Is there another way?",
]


def make_entry(title: str, question: str = "A question.", path: str | None = None) -> Entry:
    slug = slugify(title)
    return Entry(
        path=path or f"qa/2025/{slug}.md",
        slug=slug,
        title=title,
        date=datetime.date(2025, 1, 1),
        topic="general",
        question=question,
        answer="An answer.",
    )


def titles_of(matches: list[tuple[Entry, float]]) -> list[str]:
    return [entry.title for entry, _ in matches]


ENTRIES = [make_entry(title) for title in TITLES]
VOCABULARY = """
budget garden neighbour wedding landlord tenant recipe holiday travel dog cat school teacher sister
brother parents roommate rent loan savings car bike commute gym diet sleep birthday gift party move
city village noise fence paint kitchen bathroom flight passport visa exam grade
"""


def test_a_reworded_question_finds_the_entry_it_repeats():
    matches = find_similar("Should I call or email after my interview?", ENTRIES)
    assert titles_of(matches) == [TITLES[0]]


def test_sharing_one_everyday_word_is_not_similarity():
    # "ask" also appears in the reference question, "interview" in two others: neither is a repeat.
    matches = find_similar("How do I ask for a raise?", ENTRIES)
    assert titles_of(matches) == [TITLES[3]]
    assert not any("interview" in title.lower() for title in titles_of(matches))


def test_an_unrelated_question_finds_nothing():
    assert find_similar("What should I plant in a shady garden?", ENTRIES) == []
    assert find_similar("How do I...?", ENTRIES) == [], "a title of stop words alone matches nothing"


def test_plurals_accents_and_word_forms_meet():
    assert content_words("Résumés, interviewers and interviewing") == ["resum", "interview", "interview"]
    matches = find_similar("Do resumes have to be one page long?", ENTRIES)
    assert titles_of(matches) == [TITLES[5]]


def test_closer_questions_rank_first_and_the_limit_holds():
    entries = [
        make_entry("How do I ask for a raise at my annual review?"),
        make_entry("How do I ask for a raise?"),
        make_entry("How do I ask for a raise after a great year without sounding greedy?"),
        *ENTRIES,
    ]
    matches = find_similar("How do I ask for a raise?", entries)
    assert titles_of(matches)[:3] == [
        "How do I ask for a raise?",
        "How do I ask for a raise at my annual review?",
        "How do I ask for a raise after a great year without sounding greedy?",
    ]
    scores = [score for _, score in matches]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0
    assert len(find_similar("How do I ask for a raise?", entries, limit=2)) == 2


def test_a_matching_question_finds_an_entry_whose_title_differs():
    letter = (
        "I interviewed for a part-time tech job in the emergency room before the holidays. The charge "
        "nurse said he would call me before Christmas, and my phone hasn't rung."
    )
    entries = [make_entry(TITLES[0], question=letter), *ENTRIES[1:]]
    title = "Following up over the holidays"
    assert find_similar(title, entries) == []
    matches = find_similar(title, entries, question=letter.replace("tech job", "nursing job"))
    assert titles_of(matches) == [TITLES[0]]


def test_ten_thousand_entries_compare_only_the_titles_sharing_a_rare_word():
    """The cost grows with the matches, not the column: common words never widen the search."""
    rng = random.Random(7)
    words = VOCABULARY.split()
    entries = [
        make_entry(
            f"What about {' and '.join(rng.sample(words, 4))}?",
            question=" ".join(rng.choices(words, k=60)),
            path=f"qa/{n:05}.md",
        )
        for n in range(10_000)
    ]
    entries.insert(5_000, make_entry(TITLES[0]))
    title = "Should I call or email after my interview?"
    titles = _Corpus([entry.title for entry in entries])
    compared = titles.candidates(frozenset(content_words(title)))
    assert 5_000 in compared and len(compared) <= len(entries) // 10
    assert titles_of(find_similar(title, entries)) == [TITLES[0]]
    assert len(find_similar("Should I call or email?", entries, question="garden fence neighbour noise")) <= 5


def test_the_report_names_each_file_and_title():
    matches = find_similar("Should I call or email after my interview?", ENTRIES)
    assert similar_lines(matches) == [
        "Similar questions already in the column:",
        f"  qa/2025/{slugify(TITLES[0])}.md: {TITLES[0]}",
    ]
    assert similar_lines([]) == []
