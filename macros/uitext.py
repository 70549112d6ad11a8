"""What the widgets say: every Russian sentence, label and message of the site's scripts.

The text lives here, not in the JavaScript: each widget's template hands its part to the
browser (data-bp-words), and the Python that mirrors a script (reading result and run files,
the CSV exports) says the same words from the same entries, so the two cannot drift apart.
{name} marks a value the script or the Python fills in (fill() below, bp.words() in
js/widgets.js); a list holds a word's three Russian plural forms (1, 2–4, 5 and more).
Keeping the text out of the scripts also keeps them small: the budget counts every byte.
"""

import re

_PLACEHOLDER = re.compile(r"\{(\w+)\}")

# Shared by every widget (js/widgets.js).
PAGE = {
    "of": "{a} из {b}",
    "nostore": "Браузер не даёт сайту сохранять данные, поэтому ответы и отметки пропадут, "
    "если обновить или закрыть страницу.",
    "copyField": "Текст для копирования",
    "close": "Закрыть",
    "noClipboard": "Буфер обмена недоступен: скопируйте текст из поля ниже (Ctrl+C).",
}

QUIZ = {
    "right": "Верно",
    "partial": "Частично верно",
    "wrong": "Неверно",
    "verdict": "{word}: {got} из {max}",
    "score": "Итог: {got} из {max} баллов",
    "miss": "— вопрос {n}: {got} из {max}",
    "chooseFirst": "Сначала выберите ответ.",
    "copied": "Итог скопирован: отправьте его тренеру.",
    "confirmReset": "Стереть все ответы этого теста и начать заново?",
}

SELF_ASSESSMENT = {
    "situations": ["ситуация", "ситуации", "ситуаций"],
    "left": "Результат можно будет посмотреть, когда вы ответите на все ситуации: осталось {n} {situations}.",
    "allAnswered": "Все ситуации пройдены. Ответы можно поменять, пока вы не посмотрели результат.",
    "verdict": "Ваш результат: «{name}»",
    "near": "Близко к нему: «{name}»",
    "tagMine": "Ваш результат",
    "tagNear": "Близкий результат",
    "share": "«{name}» — {n} из {total}",
    "shares": "Как распределились ответы: {list}.",
    "axis": "— {name}: {value} %",
    "subtype": "Подтип этого ответа: «{name}».",
    "answers": "— ответы: {list}",
    "copied": "Итог скопирован.",
    "confirmReset": "Стереть все ответы и пройти самооценку заново?",
}

# Checklist runs: the list's text formats and run files are mirrored in macros/runs.py.
CHECKLIST = {
    "link": "ссылка",
    "ticked": "отмечено {count}",
    "notJson": "{file}: это не файл передачи чек-листа (не JSON)",
    "notRun": "{file}: это не файл передачи чек-листа этого сайта",
    "otherChecklist": "{file}: это файл другого чек-листа («{checklist}»)",
    "noSubject": "{file}: файл повреждён: нет названия проекта или отметок",
    "badTick": "{file}: файл повреждён: отметка записана не так",
    "nameTaken": "Название «{name}» совпадает с «{other}»: выберите его из списка или назовите иначе.",
    "opened": "{label}: «{name}»",
    "renamePrompt": "Новое название («{name}»)",
    "renameRefused": "Название «{name}» уже занято или пустое: выберите другое.",
    "renamed": "Переименовано: «{name}»",
    "confirmDelete": "Удалить отметки «{name}» в этом чек-листе?",
    "deleted": "«{name}» удалён из этого чек-листа.",
    "confirmReset": "Сбросить все отметки этого чек-листа?",
    "undo": "Вернуть отметки",
    "undone": "Отметки возвращены.",
    "reset": "Отметки сброшены.",
    "exported": "Файл передачи «{name}» сохранён: отправьте его коллеге.",
    "confirmReplace": "У «{name}» уже есть отметки. Заменить их отметками из файла?",
    "dropped": " Пунктов, которых больше нет в чек-листе, — {n}: {ids}; их отметки не перенесены.",
    "imported": "Загружено: «{name}», отмечено {n}.{dropped}",
    "linkCopied": "Ссылка на пункт скопирована.",
    "listCopied": "Список скопирован: вставьте его в задачу или сообщение.",
    "printed": "напечатано {date} · отмечено {count}",
}

# Shared by the exam and its results page, which open the same sealed key.
EXAM_KEY = {
    "cannotOpen": "Этот браузер не может открыть ключ экзамена: обновите браузер или откройте страницу в другом.",
    "keyLoading": "Экзамен загружается…",
    "keyMissing": "Не удалось загрузить ключ экзамена. Проверьте подключение к сети и обновите страницу.",
}

EXAM = {
    "noStorage": "Браузер не даёт сохранять данные: не обновляйте страницу, иначе ответы пропадут.",
    "enterCode": "Введите код варианта от тренера или нажмите «Новый код».",
    "question": "Вопрос {n} из {total}",
    "answered": "Отвечено {n} из {total}",
    "lastMinute": "Осталась одна минута. Когда время выйдет, экзамен сдастся сам.",
    "submitted": "Экзамен сдан",
    "timedOut": "Время вышло: экзамен сдан автоматически.",
    "right": "верно",
    "partial": "частично верно",
    "wrong": "неверно",
    "yourAnswer": "Ваш ответ",
    "noAnswer": "нет ответа",
    "rightAnswer": "Верный ответ",
    "points": "Баллы",
    "pointsLine": "{got} из {max} — {word}",
    "revise": "Что повторить",
    "minutes": ["минута", "минуты", "минут"],
    "meta": "{name} · вариант {variant} · {when} · {minutes}",
    "passed": "Экзамен сдан",
    "failed": "Экзамен не сдан",
    # After a whole number of points the genitive agrees with it; after a fraction, «балла».
    "ofPoints": ["балла", "баллов", "баллов"],
    "fractionPoints": "балла",
    "verdict": "{outcome}: {got} из {max} {points} ({percent} %), проходной балл — {pass} %.",
    "badCode": "Код варианта: латинские буквы, цифры и дефис, до 32 знаков.",
    "noName": "Введите имя и фамилию: они попадут в лист ответов.",
    "newCode": "Новый код: {code}. Отправьте эту ссылку всем, кто сдаёт этот вариант.",
    "questions": ["вопрос", "вопроса", "вопросов"],
    "unanswered": "Без ответа {n} {questions}. Нажмите «Сдать экзамен» ещё раз, чтобы сдать как есть.",
    "confirmAgain": "Лист ответов будет удалён из браузера. Сначала скачайте JSON. "
    "Нажмите «Новая попытка» ещё раз, чтобы начать заново.",
    "unfinished": "У вас не закончен вариант {variant}: сначала сдайте его.",
    # The answer sheet as CSV (macros/exam/grading.py writes the same columns).
    "sheetColumns": [
        "Кандидат", "Дата", "Вариант", "Банк", "Версия банка", "Время, мин",
        "№", "Вопрос", "Тема", "Ответ", "Верный ответ", "Баллы", "Из",
    ],
}  # fmt: skip

# The trainer's results page; the messages and the table are mirrored in macros/exam/results.py.
RESULTS = {
    "notJson": "{file}: это не файл результата экзамена (не JSON)",
    "notResult": "{file}: это не файл результата экзамена этого сайта",
    "otherBank": "{file}: результат другого теста («{bank}»), а не «{siteBank}»",
    "otherVersion": "{file}: сдан по другой версии банка вопросов ({version}, на сайте сейчас {siteVersion}); "
    "собирайте результаты до правки банка",
    "broken": "{file}: файл повреждён: нет имени, варианта или ответов",
    "badAnswer": "{file}: файл повреждён: ответ записан не списком вариантов",
    "otherQuestions": "{file}: вопросы в файле не совпадают с вариантом {variant}; файл изменён вручную",
    "duplicate": "{file}: тот же результат, что и {first}; учтён один раз",
    "columns": ["Кандидат", "Дата", "Вариант", "Баллы", "Процент", "Итог"],
    "csvColumns": ["Кандидат", "Дата", "Вариант", "Баллы", "Из", "Процент", "Итог", "Время, мин"],
    "topicScore": "{topic}: баллы",
    "topicMax": "{topic}: из",
    "pass": "сдал",
    "fail": "не сдал",
    "candidates": ["кандидат", "кандидата", "кандидатов"],
    "summary": "{n} {candidates}, сдали {passed}, не сдали {failed}. Проходной балл — {mark} %.",
}

KINDS = {
    "quiz": QUIZ,
    "self-assessment": SELF_ASSESSMENT,
    "checklist": CHECKLIST,
    "runs": {},
    "exam": {**EXAM_KEY, **EXAM},
    "results": {**EXAM_KEY, **RESULTS},
}


def words(kind: str) -> dict[str, str | list[str]]:
    """What a widget of this kind says, for its template's data-bp-words."""
    return {**PAGE, **KINDS[kind]}


def fill(text: str, **values: object) -> str:
    """The text with its {name} placeholders filled, as bp.words() does in the browser."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)
