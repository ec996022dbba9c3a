"""Arabic articles composed for the fault suite, and helpers that run ``rasd`` as a user would.

Every sentence here was written for these tests. Each article reports one
clear event, so a run that loses a document also loses events and the counts
compared with a sequential run tell.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ARTICLES: list[tuple[str, str]] = [
    ("raqqa-checkpoint",
     "هجوم على حاجز في ريف الرقة\n\n"
     "الرقة - قتل ثلاثة عناصر من قوات سوريا الديمقراطية، مساء الثلاثاء، في هجوم شنه "
     "مسلحون من تنظيم داعش على حاجز قرب بلدة الكرامة شرق الرقة.\n\n"
     "وقال مصدر محلي إن المهاجمين انسحبوا بعد اشتباك استمر نصف ساعة.\n"),
    ("idlib-shelling",
     "قصف مدفعي على ريف إدلب الجنوبي\n\n"
     "إدلب - قصفت قوات النظام السوري، صباح الأربعاء، بلدة كفرنبل في ريف إدلب الجنوبي "
     "بقذائف المدفعية، ما أدى إلى مقتل مدنيين اثنين وإصابة خمسة آخرين.\n\n"
     "وأفاد الدفاع المدني بأن فرقه نقلت المصابين إلى مستشفى قريب.\n"),
    ("mosul-arrest",
     "اعتقال مطلوبين في الموصل\n\n"
     "الموصل - أعلنت قيادة العمليات المشتركة، يوم الخميس، اعتقال أربعة مطلوبين بتهم "
     "إرهابية في عملية أمنية غرب مدينة الموصل.\n\n"
     "وأضاف البيان أن القوة ضبطت أسلحة وأعتدة في مخبأ قريب.\n"),
    ("tripoli-clashes",
     "اشتباكات مسلحة في طرابلس\n\n"
     "طرابلس - اندلعت اشتباكات مسلحة، ليل الجمعة، بين مجموعتين مسلحتين في حي صلاح الدين "
     "جنوب العاصمة الليبية طرابلس، وقتل فيها شخص واحد.\n\n"
     "وطالبت البعثة الأممية بوقف فوري لإطلاق النار.\n"),
    ("daraa-bomb",
     "انفجار عبوة ناسفة في درعا\n\n"
     "درعا - قتل جنديان من قوات النظام، صباح السبت، بانفجار عبوة ناسفة استهدفت سيارتهم "
     "على الطريق بين بلدتي طفس والمزيريب في ريف درعا الغربي.\n\n"
     "ولم تتبن أي جهة التفجير حتى الآن.\n"),
    ("aden-protest",
     "احتجاجات في عدن\n\n"
     "عدن - تظاهر مئات المواطنين، يوم الأحد، في مديرية كريتر بمدينة عدن احتجاجا على "
     "انقطاع الكهرباء وتردي الخدمات.\n\n"
     "وردد المحتجون هتافات تطالب الحكومة بحلول عاجلة.\n"),
    ("deir-airstrike",
     "غارة جوية على ريف دير الزور\n\n"
     "دير الزور - استهدفت طائرات التحالف الدولي، فجر الاثنين، موقعا لتنظيم داعش قرب "
     "بلدة الباغوز في ريف دير الزور الشرقي، وقتل أربعة من عناصر التنظيم.\n\n"
     "وقال ناشطون إن الغارة دمرت مستودعا للذخيرة.\n"),
    ("benghazi-rockets",
     "سقوط صواريخ على بنغازي\n\n"
     "بنغازي - سقطت ثلاثة صواريخ، مساء الاثنين، على حي سكني في مدينة بنغازي، ما أدى "
     "إلى إصابة طفلين بجروح.\n\n"
     "واتهم مسؤول محلي مجموعة مسلحة بإطلاق الصواريخ من خارج المدينة.\n"),
]


# Neutral closing sentences: appended to an article they make a distinct document
# (another content id) that reports the same event.
ENDINGS = [
    "",
    "ولم يصدر تعليق رسمي حتى ساعة إعداد هذا التقرير.\n",
    "ويشهد المكان توترا متواصلا منذ أسابيع.\n",
    "وتابع مراسلنا تطورات الحادث من المدينة.\n",
]


def article_text(index: int) -> str:
    """Article ``index``: 32 distinct texts (8 events, 4 endings), then they repeat."""
    text = ARTICLES[index % len(ARTICLES)][1]
    return text + ENDINGS[(index // len(ARTICLES)) % len(ENDINGS)]


def jsonl_record(index: int, **extra: object) -> str:
    name = ARTICLES[index % len(ARTICLES)][0]
    text = article_text(index)
    record: dict[str, object] = {"id": f"{name}-{index}", "source": "وكالة الاختبار",
                                 "published": "2024-05-0" + str(1 + index % 9), "text": text}
    record.update(extra)
    return json.dumps(record, ensure_ascii=False)


def rasd_command() -> list[str]:
    """The installed ``rasd`` entry point of the interpreter running the tests."""
    return [str(Path(sys.executable).with_name("rasd"))]


def gated_rasd(gate: Path) -> list[str]:
    """A ``rasd`` that imports everything, says it is ready, then waits for ``gate`` to exist.

    Processes started one after another would otherwise reach the database
    hundreds of milliseconds apart (imports take that long), which hides races.
    Each writes ``<gate>.ready.<pid>`` once imported; :func:`open_gate` waits for them.
    """
    code = (
        "import os, sys, time\n"
        "from rasd.cli.main import main\n"
        "import rasd.store, rasd.pipeline.orchestrator, rasd.ingest.reader\n"
        "import rasd.clean.cleaner, rasd.pipeline.extract_stage\n"
        f"gate = {str(gate)!r}\n"
        "open(f'{gate}.ready.{os.getpid()}', 'w').close()\n"
        "deadline = time.monotonic() + 120\n"
        "while not os.path.exists(gate) and time.monotonic() < deadline:\n"
        "    time.sleep(0.002)\n"
        "sys.argv[0] = 'rasd'\n"
        "main()\n"
    )
    return [sys.executable, "-c", code]


def open_gate(gate: Path, procs: list[subprocess.Popen[str]], *, timeout: float = 120) -> None:
    """Let the gated processes go at once, when all of them are ready (or have died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = len(list(gate.parent.glob(gate.name + ".ready.*")))
        if ready + sum(p.poll() is not None for p in procs) >= len(procs):
            break
        time.sleep(0.02)
    gate.touch()


def start(args: list[str], *, db_url: str | None = None,
          prefix: list[str] | None = None) -> subprocess.Popen[str]:
    env = dict(os.environ)
    if db_url is not None:
        env["RASD_DB"] = db_url
    return subprocess.Popen([*(prefix or rasd_command()), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
