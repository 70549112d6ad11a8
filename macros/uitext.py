"""What the widgets say: every Russian sentence, label and message of the site's scripts.

The text lives here, not in the JavaScript: each widget's template hands its part to the
browser (data-bp-words), and the Python that mirrors a script (reading result and run files,
the CSV exports) says the same words from the same entries, so the two cannot drift apart.
{name} marks a value the script or the Python fills in (fill() below, bp.words() in
js/widgets.js); a list holds a word's three Russian plural forms (1, 2–4, 5 and more).
Keeping the text out of the scripts also keeps them small: the budget counts every byte.
"""

import json
import re
from typing import Any

_PLACEHOLDER = re.compile(r"\{(\w+)\}")

# Shared by every widget (js/widgets.js).
PAGE = {
    "of": "{a} из {b}",
    "nostore": "Браузер не даёт сайту сохранять данные, поэтому ответы и отметки пропадут, "
    "если обновить или закрыть страницу.",
    "copyField": "Текст для копирования",
    "close": "Закрыть",
    "noClipboard": "Буфер обмена недоступен: скопируйте текст из поля ниже (Ctrl+C).",
    # A write the browser refused (js/widgets.js keep()), and why.
    "unsaved": "Не сохранено: {why}. Изменения видны, пока страница открыта, и пропадут, если её обновить или закрыть.",
    "full": "память браузера для этого сайта заполнена",
    "blocked": "браузер не даёт сайту сохранять данные",
    # A stored value that is not what the site wrote (js/widgets.js load()).
    "setAside": "Сохранённые в этом браузере данные этого раздела повреждены: они отложены в сторону, "
    "и всё начато с чистого листа.",
    "more": "и ещё {n}",
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
    "imported": "Загружено: «{name}», отмечено {n}.",
    "importedUnsaved": "Отметки «{name}» показаны ({n}), но не сохранены: {why}. "
    "Они пропадут, если обновить или закрыть страницу.",
    "renameUnsaved": "Не переименовано: {why}.",
    "shareCopied": "Ссылка с отметками «{name}» ({count}) скопирована: отправьте её коллеге.",
    "shareTaken": "Отметки из ссылки: «{name}», отмечено {count}.",
    "shareOld": "Ссылка сделана для прежней версии чек-листа, её отметки не перенесены: попросите новую ссылку.",
    "shareSame": "Отметки «{name}» из ссылки совпадают с вашими.",
    "shareKept": "Ваши отметки «{name}» оставлены как были.",
    "confirmShared": "У «{name}» в этом браузере уже есть отметки ({mine}). Заменить их отметками из ссылки ({theirs})?",
    "linkNoTicks": "«{name}»: в этом браузере отметок пока нет. Отметки хранятся в браузере того, кто их ставил: "
    "попросите у него ссылку «Поделиться отметками» или файл передачи.",
    "linkCopied": "Ссылка на пункт скопирована.",
    "listCopied": "Список скопирован: вставьте его в задачу или сообщение.",
    "printed": "напечатано {date} · отмечено {count}",
}

# Shared by the exam and its results page, which open the same key: sealed for practice,
# locked with the trainer's passphrase for trainer marking (macros/exam/lock.py).
EXAM_KEY = {
    "cannotOpen": "Этот браузер не может открыть ключ экзамена: обновите браузер или откройте страницу в другом.",
    "keyLoading": "Экзамен загружается…",
    "keyMissing": "Не удалось загрузить ключ экзамена. Проверьте подключение к сети и обновите страницу.",
    "unlocking": "Проверяем кодовую фразу…",
    "unlockWrong": "Кодовая фраза не подошла. Проверьте раскладку клавиатуры и регистр букв.",
    "unlockEmpty": "Введите кодовую фразу тренера.",
    "cannotUnlock": "Этот браузер не может проверить кодовую фразу: откройте сайт в современном браузере "
    "и по адресу, который начинается с https.",
    "yes": "да",
    "no": "нет",
}

EXAM = {
    "noStorage": "Браузер не даёт сохранять данные: не обновляйте страницу, иначе ответы пропадут.",
    "scormDone": "Эта попытка уже сдана, её результат — в системе обучения.",
    "noRoom": "Память браузера для этого сайта заполнена, ответы не сохраняются: не обновляйте и не закрывайте "
    "страницу, пока не сдадите экзамен.",
    "storedBroken": "Сохранённая в браузере попытка повреждена и не может быть продолжена: начните экзамен заново.",
    "twoTabs": "Этот экзамен открыт ещё в одной вкладке. Ответы обеих вкладок сохраняются вместе, "
    "но отвечайте в одной, а другую закройте.",
    "otherTabRestarted": "В другой вкладке этот экзамен начат заново или сдан по другой попытке: "
    "ответы в этой вкладке больше не сохраняются. Закройте её и продолжайте в той.",
    "enterCode": "Введите код варианта от тренера или нажмите «Новый код».",
    "question": "Вопрос {n} из {total}",
    "answered": "Отвечено {n} из {total}",
    "lastMinute": "Осталась одна минута. Когда время выйдет, экзамен сдастся сам.",
    "submitted": "Экзамен сдан",
    "timedOut": "Время вышло: экзамен сдан автоматически.",
    "sheetTimedOut": "Время вышло: экзамен сдан автоматически.",
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
    "locked": "Экзамен сдан. Оценку и верные ответы откроет тренер. Скачайте файл для тренера "
    "и отправьте ему; ниже — ваши ответы.",
    # After a whole number of points the genitive agrees with it; after a fraction, «балла».
    "ofPoints": ["балла", "баллов", "баллов"],
    "fractionPoints": "балла",
    "verdict": "{outcome}: {got} из {max} {points} ({percent} %), проходной балл — {pass} %.",
    "badCode": "Код варианта: латинские буквы, цифры и дефис, до 32 знаков.",
    "noName": "Введите имя и фамилию: они попадут в лист ответов.",
    "newCode": "Новый код: {code}. Отправьте эту ссылку всем, кто сдаёт этот вариант.",
    "questions": ["вопрос", "вопроса", "вопросов"],
    "unanswered": "Без ответа {n} {questions}. Нажмите «Сдать экзамен» ещё раз, чтобы сдать как есть.",
    "confirmAgain": "Ваши ответы будут удалены из браузера. Сначала скачайте файл для тренера. "
    "Нажмите «Новая попытка» ещё раз, чтобы начать заново.",
    "unfinished": "У вас не закончен вариант {variant}: сначала сдайте его.",
    "seenBefore": "В этом браузере уже открывали лист ответов варианта {variant}: тренер увидит, "
    "что эта попытка начата после него. Для пересдачи попросите у тренера другой код.",
    # The answer sheet as CSV (macros/exam/grading.py writes the same columns).
    "sheetColumns": [
        "Кандидат", "Сдано", "Вариант", "Длительность, мин", "Время вышло",
        "№", "Вопрос", "Текст вопроса", "Тема", "Ответ", "Верный ответ", "Баллы", "Из",
    ],
}  # fmt: skip

# The trainer's results page; the messages and the table are mirrored in macros/exam/results.py.
RESULTS = {
    "notUtf8": "{file}: файл не в кодировке UTF-8, а страница экзамена сохраняет только в ней; "
    "попросите кандидата скачать файл заново",
    "notJson": "{file}: это не файл результата экзамена (не JSON)",
    "notResult": "{file}: это не файл результата экзамена этого сайта",
    "otherBank": "{file}: результат другого теста («{bank}»), а не «{siteBank}»",
    "otherVersion": "{file}: сдан по другой версии банка вопросов ({version}, на сайте сейчас {siteVersion}); "
    "собирайте результаты до правки банка",
    "broken": "{file}: файл повреждён: нет имени, варианта или ответов",
    "badTime": "{file}: файл повреждён: время начала или сдачи записано неверно",
    "badAnswer": "{file}: файл повреждён: ответ записан не списком вариантов",
    "otherQuestions": "{file}: вопросы в файле не совпадают с вариантом {variant}; файл изменён вручную",
    "duplicate": "{file}: тот же результат, что и {first}; учтён один раз",
    "unreadable": "{file}: файл не удалось прочитать",
    "flagSameAttempt": "та же попытка, что в файле {file} ({name})",
    "flagAfterSheet": "начата после листа ответов варианта {variant}, открытого {when}",
    "flagOverTime": "длилась {minutes} мин при лимите {limit} мин",
    "columns": ["Кандидат", "Попытка", "Начало", "Длительность", "Без ответа", "Вариант", "Баллы", "Процент",
                "Итог", "Отметки"],
    "csvColumns": ["Кандидат", "Попытка", "Оценивается", "Начало", "Сдано", "Длительность, мин", "Время вышло",
                   "Без ответа", "Вариант", "Баллы", "Из", "Процент", "Итог", "Отметки"],
    "topicScore": "{topic}: баллы",
    "topicMax": "{topic}: из",
    "pass": "сдал",
    "fail": "не сдал",
    "passMark": "✓ сдал",
    "failMark": "✗ не сдал",
    "graded": "оценивается",
    "timedOutShort": "время вышло",
    "minutesShort": "{m} мин",
    "people": ["человек", "человека", "человек"],
    "attempts": ["попытка", "попытки", "попыток"],
    "gradingWords": ["первая", "последняя", "лучшая"],
    "summary": "{people} {peopleWord}, {attempts} {attemptsWord}. Оценивается {method} попытка: "
    "сдали {passed}, не сдали {failed}. Проходной балл — {mark} %.",
    "restored": "Файлы, сохранённые в этом браузере: {n}.",
    "lockedStored": "В этом браузере сохранены файлы результатов: {n}. Введите кодовую фразу, чтобы их увидеть.",
    "notSaved": "Браузер не смог сохранить файлы: после обновления страницы их придётся загрузить снова.",
    "cleared": "Файлы удалены из этого браузера.",
    "range": "{from} — {to}",
    "none": "нет",
}  # fmt: skip

# Item statistics (macros/exam/stats.py, js/exam-stats.js): the words of the table and the CSV.
STATS = {
    "itemColumns": ["Вопрос", "Тема", "Текст вопроса", "Попыток с вопросом", "Индекс лёгкости, %",
                   "Стандартное отклонение, %", "Индекс дискриминации, %", "Эффективность дискриминации, %",
                   "На проверку", "Вариант", "Текст варианта", "Верный", "Выбрали все, %",
                   "Выбрали сильные 27 %, %", "Выбрали слабые 27 %, %"],
    # Why a question is flagged for review, by flag (item + the flag's name, capitalised).
    "itemHard": "слишком трудный: лёгкость ниже 20 %",
    "itemEasy": "слишком лёгкий: лёгкость выше 90 %",
    "itemWeak": "плохо отделяет сильных от слабых: дискриминация ниже 20 %",
    "itemDistractor": "неверный вариант чаще выбирают сильные, чем слабые",
    "alpha": "α Кронбаха",
    "kr20": "KR-20",
    "cohortLine": "Попыток в расчёте: {n}. Средний результат {mean} %, медиана {median} %, стандартное отклонение "
    "{sd} %. Надёжность ({alphaName}): {alpha}; стандартная ошибка измерения {sem} %.",
    "unreliable": "Попыток меньше {n}: цифры пока ненадёжны, выводы о вопросах делать рано.",
    "noAttempts": "Нет попыток для расчёта.",
    "few": "мало данных",
    "optionsOf": "Варианты ответа",
}  # fmt: skip

# «Мой путь»: the read marks, the navigation's marks and the page of the route (js/path-*.js).
PATH = {
    "read": "Прочитано",
    "readOn": "Вы прочитали эту страницу {date}.",
    "changed": "Страница изменилась после того, как вы её прочитали ({date}): прочитайте её ещё раз.",
    "markRead": "Отметить как прочитанное",
    "markAgain": "Прочитано заново",
    "unmark": "Снять отметку",
    "marked": "Отмечено: прочитано {date}.",
    "notSaved": "Браузер не сохранил отметку: после обновления страницы её не будет.",
    "navRead": "прочитано",
    "navChanged": "изменилась после прочтения",
    "navUnread": "не прочитано",
    "pagesState": "прочитано {read} из {total}",
    "updatedState": "изменилось после прочтения: {n}",
    "checksState": "пройдено {done} из {total}",
    "checkBest": "лучший результат {best} % ({date}), нужно {pass} %",
    "checkNone": "ещё не пройдена, нужно {pass} %",
    "selfDone": "пройдена: «{name}»",
    "selfDoneUnnamed": "пройдена",
    "selfNone": "ещё не пройдена",
    "stageDone": "Готово",
    "stageOpen": "Не готово",
    "ready": "Готов к экзамену: все этапы до него пройдены.",
    "notReady": "До экзамена осталось: {list}.",
    "routeShare": "Маршрут: {done} из {total} этапов",
    "dueNone": "На сегодня повторять нечего.",
    "dueCount": "На сегодня {n} {questions} на повторение:",
    "questions": ["вопрос", "вопроса", "вопросов"],
    "dueLink": "{check}, вопрос {n}",
    "runLine": "«{name}»: отмечено {done} из {total}",
    "runNone": "В этом браузере маршрут ещё не отмечали.",
    "nameMissing": "Сначала напишите своё имя.",
    "saved": "Файл «{file}» сохранён: отправьте его наставнику или тренеру.",
}

# What the table of «Прогресс группы» says (js/path-group-page.js).
GROUP_PAGE = {
    "people": "В таблице {n} {persons}, готовы к экзамену: {ready}.",
    "persons": ["человек", "человека", "человек"],
    "ready": "готов",
    "notReadyYet": "не готов: {list}",
    "otherRouteNote": "файл сохранён по другой версии маршрута",
    "sortBy": "Сортировать по столбцу «{column}»",
}

# The mentor's page «Прогресс группы»: messages about progress files (macros/path/progress.py,
# js/path-group.js) and the words of its table and CSV.
PROGRESS = {
    "notUtf8": "{file}: файл не в кодировке UTF-8, а сайт сохраняет прогресс только в ней; "
    "попросите новичка скачать файл заново",
    "notJson": "{file}: это не файл прогресса (не JSON)",
    "notProgress": "{file}: это не файл прогресса этого сайта",
    "otherVersion": "{file}: файл прогресса другой версии ({version}), а эта страница читает версию 1; "
    "попросите новичка скачать прогресс заново",
    "noName": "{file}: в файле прогресса не записано имя",
    "longName": "{file}: имя в файле длиннее 200 знаков; файл изменён вручную",
    "badSaved": "{file}: файл повреждён: время сохранения записано неверно",
    "badRoute": "{file}: файл повреждён: версия маршрута записана неверно",
    "badStages": "{file}: файл повреждён: этапы записаны не списком от 1 до 50 этапов",
    "stageShape": "{file}: файл повреждён: этап {n} записан неверно",
    "badStage": "{file}: файл повреждён: в этапе {n} неверно поле «{field}»",
    "checkShape": "{file}: файл повреждён: в этапе {n} проверка {m} записана неверно",
    "badCheck": "{file}: файл повреждён: в этапе {n}, проверке {m} неверно поле «{field}»",
    "unreadable": "{file}: файл не удалось прочитать",
    "samePerson": "{file}: тот же человек, что в {other}; взят более поздний файл",
    "noVersion": "без номера",
    # The CSV: the route's checks go between the 4th and the 5th column.
    "columns": ["Имя", "Сохранён", "Этапов пройдено", "Этапов всего", "Самооценка", "Готов к экзамену",
                "Чего не хватает", "Версия маршрута"],
    "checkColumn": "{title}, %",
    "yes": "да",
    "no": "нет",
    "missingSeparator": "; ",
    "currentRoute": "текущая",
    "otherRoute": "другая",
}  # fmt: skip

# The SCORM package's runtime (js/scorm.js, macros/scorm/).
SCORM = {
    "noLms": "Эта страница открыта не из системы обучения: всё работает, но результат никуда не отправится.",
    "lmsError": "Система обучения не приняла данные ({call}: ошибка {code}). Результат может не дойти до неё: "
    "сообщите тренеру.",
    "sent": "Результат отправлен в систему обучения.",
}

KINDS = {
    "quiz": QUIZ,
    "self-assessment": SELF_ASSESSMENT,
    "checklist": CHECKLIST,
    "runs": {},
    "path": PATH,
    "group": {**PROGRESS, **GROUP_PAGE},
    "exam": {**EXAM_KEY, **EXAM},
    "results": {**EXAM_KEY, **RESULTS, **STATS},
    "scorm": SCORM,
}


def words(kind: str) -> dict[str, str | list[str]]:
    """What a widget of this kind says, for its template's data-bp-words."""
    return {**PAGE, **KINDS[kind]}


def fill(text: str, **values: object) -> str:
    """The text with its {name} placeholders filled, as bp.words() does in the browser."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)


SHOWN = 200  # characters of a value from a file or a link that a message repeats
FEW = 3  # values of a list from a file that a message names before «и ещё N»


def shown(value: Any) -> str:
    """A value from a file as a message repeats it: text as it is, anything else as JSON, cut
    short (bp.shown in js/widgets.js)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def counted(n: int) -> str:
    """A count as Russian writes it: «9 997», digits grouped by a no-break space."""
    return f"{n:,}".replace(",", "\u00a0")


def few(values: list[Any]) -> str:
    """«a, b, c и ещё 9 997»: the first few of a list from a file, the rest counted (bp.few)."""
    head = ", ".join(shown(v)[:60] for v in values[:FEW])
    return head + (" " + fill(PAGE["more"], n=counted(len(values) - FEW)) if len(values) > FEW else "")
