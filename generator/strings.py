"""Interface words of pages and wizard, one table per language.

A second language is a new table here, not a code change. Keys are stable names used by the
templates and the wizard; values may contain `{n}`-style placeholders.
"""

from __future__ import annotations

from collections.abc import Mapping

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "start_again": "Mulai lagi",
        "change": "Ubah",
        "your_answers": "Jawaban Anda",
        "know_your_case": "Sudah tahu kasus Anda?",
        "guide_is_for_you_if": "Panduan ini untuk Anda jika:",
        "not_your_case": "Bukan kasus Anda?",
        "steps_done": "{done} dari {total} langkah selesai",
        "at_most_n_more": "paling banyak {n} pertanyaan lagi",
        "last_reviewed": "Terakhir ditinjau {date}",
        "open_guide": "Buka panduan lengkap",
        "unknown_state": (
            "Tautan itu tidak cocok dengan pertanyaan mana pun, jadi kita mulai lagi dari awal."
        ),
        "and_more_paths": "dan {n} jalur jawaban lainnya",
        "steps": "Langkah-langkah",
        "note_tip": "Tips",
        "note_info": "Info",
        "note_warning": "Perhatian",
        "your_case": "Kasus Anda",
        "previous_answer": "jawaban Anda sebelumnya",
        "map": "Peta alur",
        "map_link": "Lihat peta alur",
        "map_intro": (
            "Semua pertanyaan dan panduan dalam alur ini. Kotak bersudut tajam adalah pertanyaan, "
            "kotak bersudut bulat adalah panduan, dan setiap garis menunjukkan ke mana sebuah "
            "jawaban mengarah. Ketuk sebuah kotak untuk membuka halamannya. Di layar kecil, geser "
            "peta ke samping untuk melihat semuanya."
        ),
        "map_as_list": "Peta alur dalam bentuk daftar",
        "map_too_big": (
            "Alur ini punya {n} pertanyaan dan panduan, terlalu banyak untuk digambar. "
            "Semuanya tercantum dalam daftar di bawah."
        ),
        "map_title": "Peta alur: {flow}",
        "map_region": "{title}. Geser untuk melihat seluruh peta.",
        "map_question": "Pertanyaan",
        "map_outcome": "Panduan",
        "map_see_above": "lihat di atas",
        "feedback": "Langkah ini tidak sesuai dengan aplikasi? Beri tahu kami",
    },
    "en": {
        "feedback": "Do these steps not match the app? Tell us",
    },
}

MONTHS: dict[str, tuple[str, ...]] = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
}


def strings_for(language: str) -> Mapping[str, str]:
    """The interface words for `language`, falling back to Indonesian for missing keys."""
    base = STRINGS["id"]
    return {**base, **STRINGS.get(language, {})}
