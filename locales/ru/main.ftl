# KAM Desk — русский каталог. Каждый ключ должен быть и в en/main.ftl (это проверяет тест).

## Оформление и навигация
skip-to-content = Перейти к содержанию
nav-label = Главное меню
nav-home = Главная
nav-accounts = Клиенты
nav-key-clients = Ключевые клиенты
nav-follow-ups = Напоминания
nav-orders = Заказы
nav-director = Директору
nav-admin = Система
nav-profile = Профиль
nav-dashboard = Панель директора
nav-reviews = Согласование списка
nav-scoring-settings = Настройки скоринга
nav-users = Пользователи
sign-out = Выйти
save = Сохранить
any = Любой
filter = Показать
planned = планируется
no-owner = Нет ответственного
no-owner-yet = Пока без ответственного
badge-key = Ключевой
badge-pinned = закреплён
badge-overdue = просрочено

## Вход
login-title = Вход в KAM Desk
login-submit = Войти
login-invalid = Неверный e-mail или пароль. После нескольких неудачных попыток вход на время приостанавливается: подождите несколько минут или попросите администратора сбросить пароль.
field-email = E-mail
field-password = Пароль
field-name = Имя
field-role = Роль
field-language = Язык
field-initial-password = Начальный пароль (не короче 10 символов)
field-account-name = Название клиента
field-importance = Стратегическая важность
field-decision-making = Принятие решений

## Роли и значения
role-admin = Администратор
role-director = Директор по продажам
role-kam = КАМ
role-assistant = Помощник КАМа
status-prospect = Потенциальный
status-active = Активный
status-lost = Потерян
status-archived = В архиве
dm-centralized = Централизованное
dm-decentralized = Децентрализованное (каждая точка решает сама)
segment-gold = Золотой
segment-silver = Серебряный
segment-bronze = Бронзовый
league-premier = Высшая лига
league-first = Первая лига
league-second = Вторая лига
league-third = Третья лига
league-qualifying = Отборочная лига
league-none = Без лиги (присутствие неизвестно)
churn-ok = Покупает регулярно
churn-at-risk = Под угрозой: давно нет заказов
churn-lost-candidate = Вероятно потерян: очень давно нет заказов
pin-none = Без закрепления (по баллам)
pin-key = Закреплён как ключевой
pin-not-key = Исключён из ключевых
team-role-owner = Ответственный
team-role-assistant = Помощник
team-role-member = Участник команды
location-current = Сейчас
location-planned = Планируется
order-status-placed = Размещён
order-status-confirmed = Подтверждён
order-status-shipped = Отгружен
order-status-delivered = Доставлен
order-status-cancelled = Отменён
review-status-draft = Черновик
review-status-signed-off = Согласован
type-breadwinner = Кормилец
type-prospective = Перспективный
type-image-maker = Имиджмейкер
type-expert = Эксперт

## Причины (контракт скоринга)
reason-key-pinned = Ключевой: закреплён директором
reason-key-by-score = Ключевой по баллам
reason-pin-over-cap = Закреплён, но сверх лимита
reason-below-cut = Не ключевой: ниже проходного балла
reason-segment-bronze = Не ключевой: бронзовый сегмент
reason-pinned-not-key = Не ключевой: исключён директором
reason-not-in-base = Вне клиентской базы
reason-explain-key-pinned = Директор закрепил его как ключевого; причина указана рядом.
reason-explain-key-by-score = Его балл входит в лучшие места, которые позволяет лимит.
reason-explain-pin-over-cap = Закреплённых больше, чем мест в лимите; ключевыми остаются закреплённые с лучшими баллами.
reason-explain-below-cut = Он золотой или серебряный, но все места в лимите заняты клиентами с более высоким баллом.
reason-explain-segment-bronze = Ключевыми могут стать только золотые и серебряные клиенты.
reason-explain-pinned-not-key = Директор решил, что это не ключевой клиент; причина указана рядом.
reason-explain-not-in-base = Потерянные и архивные клиенты вне клиентской базы и никогда не бывают ключевыми.
reason-not-in-base-explain = Клиент потерян или в архиве: он вне клиентской базы, у него нет балла и он не может быть ключевым.
reason-pin-over-cap-explain = Закреплён, но закреплённых больше лимита

## Главная
home-title = Главная
home-my-accounts = Мои клиенты
home-my-follow-ups = Мои напоминания
home-no-accounts = Вы пока не входите в команду ни одного клиента.
home-key-list = Список ключевых
home-key-places = мест ключевых занято
home-unowned-key = ключевых клиентов без ответственного
home-churn-risks = клиентов под угрозой ухода

## Клиенты
accounts-title = Клиенты
accounts-new = Новый клиент
accounts-create = Создать клиента
accounts-search = Поиск
accounts-new-owner-hint = Вы станете ответственным за этого клиента.
accounts-count = { $count ->
    [one] { $count } клиент
    [few] { $count } клиента
    [many] { $count } клиентов
   *[other] { $count } клиента
}
account-created = Клиент создан.
col-client = Клиент
col-industry = Отрасль
col-status = Статус
col-owner = Ответственный
col-score = Балл
col-segment = Сегмент
col-league = Лига
col-projected-league = Лига после расширения
col-rank = Место
col-types = Типы
col-key = Ключевой
col-state = Состояние
col-due = Срок
col-task = Задача
col-assignee = Исполнитель
col-date = Дата
col-description = Что
col-amount = Сумма
col-margin = Маржа
col-logged-by = Внёс
col-title = Название
col-rows = Клиентов
col-when = Когда
col-who = Кто
col-field = Изменение
col-old = Было
col-new = Стало
col-place = Место
col-kind = Вид

## Список клиентов: поиск, фильтры, сортировка, страницы, выгрузка (accounts-list)
accounts-search-hint = Название на кириллице или латинице (можно часть слова), начало ИНН или город
accounts-key-yes = Ключевые
accounts-key-no = Не ключевые
accounts-count-about = { $count ->
    [one] около { $count } клиента
    [few] около { $count } клиентов
    [many] около { $count } клиентов
   *[other] около { $count } клиента
}
accounts-none = Клиентов пока нет.
accounts-none-match = Под этот фильтр не подходит ни один клиент.
accounts-days = { $days ->
    [one] { $days } день
    [few] { $days } дня
    [many] { $days } дней
   *[other] { $days } дня
}
accounts-no-orders = заказов нет
accounts-sheet-name = Клиенты
col-abc = ABC
col-churn = Активность
col-tax-id = ИНН
col-last-order = Последний заказ
col-completeness = Досье
col-days-since-order = С последнего заказа
pager-first = Первая страница
home-all-my-accounts = Все мои клиенты

## Импорт клиентов (accounts-list)
error-tax-id-format = ИНН: от 5 до 20 цифр (пробелы, дефисы, точки и косые черты допускаются как разделители).
error-headcount-range = Целое число человек от 0 до 10 000 000.
error-import-unknown-country = Неизвестный код страны (две латинские буквы, например RU, DE).
error-import-empty = Файл пуст: нужна строка заголовка хотя бы со столбцом «name».
error-import-no-rows = В файле есть заголовок, но нет ни одного клиента.
error-import-not-utf8 = Файл не в кодировке UTF-8. Сохраните его как «CSV UTF-8» и загрузите снова.
error-import-unreadable = Эту строку нельзя прочитать как CSV (незакрытая кавычка?).
error-import-line-too-long = Строка слишком длинная для одного клиента (файл повреждён?).
error-import-field-count = В строке другое число ячеек, чем в заголовке (ячеек / в заголовке).
error-import-column-unknown = Неизвестный столбец (см. список столбцов).
error-import-column-repeated = Столбец встречается в заголовке дважды.
error-import-column-missing = Нет обязательного столбца.
error-import-repeated = Уже встречается в строке { $max } этого файла.
error-import-location-format = Места пишутся как страна/регион/город через «;» (например RU/Татарстан/Казань).
error-import-unknown-owner = Нет активного KAM с таким e-mail.
error-import-ids-disagree = ИНН и внешний код принадлежат двум разным клиентам.
error-import-too-large = Файл больше { $max } МБ.
error-import-no-file = Выберите CSV-файл для загрузки.
import-title = Импорт клиентов
import-intro = Загрузите CSV-файл с клиентами (UTF-8, разделитель — запятая или точка с запятой). Клиент, чей ИНН или внешний код уже известен, обновляется; остальные создаются. Пустые ячейки не меняют сохранённое.
import-columns = Столбцы
import-sample = Скачать пример файла
import-file = CSV-файл
import-dry-run = Пробный прогон: проверить файл и показать изменения, ничего не сохраняя
import-submit = Импортировать
import-check = Проверить файл
import-refused = Ничего не импортировано: в файле есть ошибки. Исправьте их и загрузите файл снова.
import-problems-count = { $count ->
    [one] { $count } ошибка
    [few] { $count } ошибки
    [many] { $count } ошибок
   *[other] { $count } ошибки
}
import-problems-more = Показаны только первые { $shown }.
import-col-line = Строка
import-col-column = Столбец
import-col-problem = Ошибка
import-col-value = Значение
import-col-action = Действие
import-dry-run-done = Пробный прогон: ничего не сохранено. Вот что сделал бы импорт.
import-done = Импорт выполнен.
import-created = { $count ->
    [one] создан { $count } клиент
    [few] создано { $count } клиента
    [many] создано { $count } клиентов
   *[other] создано { $count } клиента
}
import-updated = { $count ->
    [one] обновлён { $count } клиент
    [few] обновлено { $count } клиента
    [many] обновлено { $count } клиентов
   *[other] обновлено { $count } клиента
}
import-action-created = новый
import-action-updated = обновление
import-unchanged = { $count ->
    [one] { $count } клиент без изменений
    [few] { $count } клиента без изменений
    [many] { $count } клиентов без изменений
   *[other] { $count } клиента без изменений
}
import-action-unchanged = без изменений
import-rows-more = Показаны только первые { $shown } строк.
import-run-for-real = Импортировать этот файл
import-progress = Импорт: { $done } из { $total } строк…
handover-imported-from = Импортировано из файла { $file }
import-upload-again = Загрузить файл для импорта
import-all-or-nothing = Всё или ничего: если хоть одна строка неверна, ничего не сохраняется, а каждая неверная ячейка показана со строкой, столбцом и причиной.
import-columns-lead = Первая строка называет столбцы в любом порядке; обязателен только «name». Пропущенный столбец или пустая ячейка оставляют сохранённое значение (новый клиент получает значение по умолчанию).
import-column-name = обязательно: название клиента, не более 200 символов
import-column-status = prospect (по умолчанию для нового клиента), active, lost или archived
import-column-tax-id = от 5 до 20 цифр (пробелы, дефисы, точки и косые черты допустимы как разделители); клиент с таким ИНН обновляется
import-column-external-id = код клиента в вашей ERP, не более 100 символов; находит сохранённого клиента, когда ИНН нет
import-column-industry = код отрасли, один из:
import-column-headcount = целое число сотрудников
import-column-annual-revenue = собственная годовая выручка клиента: сумма, не более двух знаков после запятой («1 250 000,50» или «1250000.50»)
import-column-strategic-importance = от 0 до 5 (по умолчанию 0)
import-column-owner-email = e-mail активного KAM, который станет владельцем (смена владельца — это передача клиента)
import-column-locations = текущие площадки как код страны/регион/город через «;» (RU/Tatarstan/Kazan; DE/Bavaria); заменяют сохранённые
import-column-potential = потенциал этого года: сколько клиент мог бы купить у нас, сумма
import-column-potential-basis = как оценён потенциал, не более 300 символов
nav-import = Импорт клиентов

## Почему ключевой / почему нет
why-title = Почему ключевой / почему нет
why-potential = Потенциал (в год)
why-of-largest = из наибольшего
why-score = Балл
why-cut-line = Проходной балл
why-places = { $cap ->
    [one] { $cap } место ключевых
    [few] { $cap } места ключевых
    [many] { $cap } мест ключевых
   *[other] { $cap } места ключевых
}
why-taken = занято { $count }
why-lacks = До проходного балла не хватает { $points }.
why-sales-not-counted = Текущие продажи в этом решении не участвуют: клиент ключевой за то, что может принести, а не за то, что покупает сегодня.
why-league = Лига по географии присутствия
why-projected = после запланированного расширения
why-planned-gaps = Клиент планирует открыться там, где нас пока нет:
why-analyses = Заказы за последние 12 месяцев
why-not-computed = Для этого клиента список ключевых ещё не рассчитан.

## Закрепление
pin-title = Решение директора
pin-current = Закреплено
pin-decision = Решение
pin-reason = Причина (обязательна при закреплении)
pin-save = Сохранить решение
pin-saved = Решение сохранено; список ключевых обновлён.
pin-could-unpin = Все места в лимите уже заняты закреплёнными клиентами. Можно снять закрепление с одного из них:

## Команда, присутствие, история
team-title = Команда
team-none = В команде клиента пока никого нет.
footprint-title = География присутствия
footprint-none = Адреса не указаны.
history-title = История
history-none = Изменений пока нет.
field-created = Создан
field-pin = Закрепление
field-pin-reason = Причина закрепления

field-industry = Отрасль

## Отрасли (коды хранятся в базе: src/domain/industry.rs)

industry-not-set = Не указана
industry-agriculture = Сельское хозяйство
industry-automotive = Автомобильный бизнес
industry-chemicals = Химическая промышленность
industry-construction = Строительство
industry-education = Образование
industry-energy = Энергетика и ЖКХ
industry-finance = Банки и финансы
industry-food = Пищевое производство
industry-healthcare = Здравоохранение
industry-horeca = Гостиницы и рестораны (HoReCa)
industry-it-telecom = ИТ и телеком
industry-logistics = Логистика
industry-manufacturing = Промышленное производство
industry-mining = Добыча и металлургия
industry-oil-gas = Нефть и газ
industry-pharma = Фармацевтика
industry-public-sector = Государственный сектор
industry-real-estate = Недвижимость
industry-retail = Розничная торговля
industry-wholesale = Оптовая торговля и дистрибуция
industry-other = Другое

## Тексты, которые система записывает в базу (src/domain/system_text.rs). Ключи хранятся в строках:
## не переименовывать и не удалять; формулировку менять можно.

fu-find-owner = Назначить владельца клиента
fu-win-back = Звонок о возврате клиента: представить новые условия
fu-send-proposal = Отправить обновлённое предложение
fu-prepare-tender = Подготовить тендерную документацию
fu-agree-final-price = Согласовать итоговую цену с отделом закупок
fu-chase-delivery = Проследить доставку заказа от { $date }
fu-call-about-volumes = Звонок: { $name } — объёмы на следующий квартал
fu-send-certificates = Отправить сертификаты: { $name }
fu-meet-contact = Встреча: { $name }
fu-agree-price-list = Согласовать прайс-лист на следующий год
fu-visit-main-site = Посетить главную площадку клиента
fu-update-development-plans = Обновить планы развития в досье
fu-check-payments = Проверить просроченные платежи с финансовой службой
fu-prepare-business-review = Подготовить квартальную встречу по итогам бизнеса
order-for-site = { $product }, { $site }
product-dry-mixes = Сухие строительные смеси
product-insulation-boards = Теплоизоляционные плиты
product-fasteners = Крепёж
product-formwork-hire = Аренда опалубки
product-waterproofing = Гидроизоляция
product-core-range = Основной ассортимент
product-seasonal-range = Сезонный ассортимент
product-private-label = Собственная торговая марка
product-promo-batch = Промопартия
product-shop-fittings = Торговое оборудование
product-spare-parts = Запчасти
product-consumables = Расходные материалы
product-lubricants = Смазочные материалы
product-tooling = Инструмент и оснастка
product-maintenance-kits = Ремкомплекты
product-new-listings = Новинки ассортимента
product-pallet-lot = Оптовая партия на паллетах
product-packaging-materials = Упаковочные материалы
product-lab-consumables = Лабораторные расходные материалы
product-cleanroom-supplies = Материалы для чистых помещений
product-cold-chain-containers = Контейнеры для холодовой цепи
product-tableware = Посуда
product-cleaning-supplies = Моющие средства
product-kitchen-consumables = Кухонные расходные материалы
product-textiles = Текстиль
product-stretch-film = Стретч-плёнка и поддоны
product-racking-parts = Запчасти для стеллажей
product-packaging = Упаковка
product-forklift-parts = Запчасти для погрузчиков
product-packaging-film = Упаковочная плёнка
product-ingredients = Ингредиенты
product-sanitation-chemicals = Санитарная химия
product-labels = Этикетки
product-cable-products = Кабельная продукция
product-valves = Запорная арматура
product-insulation = Изоляционные материалы
product-oils-and-fluids = Масла и технические жидкости
product-tyres = Шины
product-workshop-equipment = Оборудование для автосервиса

## Список ключевых
keylist-title = Ключевые клиенты
keylist-sheet-name = Ключевые клиенты
keylist-cap = { $taken } из
keylist-cap-of = { $cap ->
    [one] { $cap } места занято
   *[other] { $cap } мест занято
}
keylist-cap-base = { $pct }% от
keylist-cap-clients = { $n ->
    [one] { $n } клиента
   *[other] { $n } клиентов
}
keylist-cut-line = Чтобы стать ключевым, нужен балл { $score }.
keylist-no-cut-line = Пока ни один клиент не стал ключевым только по баллам.
keylist-empty = Ключевых клиентов нет.
keylist-unowned = { $count ->
    [one] У { $count } ключевого клиента нет ответственного
   *[other] У { $count } ключевых клиентов нет ответственного
}
keylist-candidates = Ближайшие кандидаты ниже проходного балла
keylist-no-candidates = Ниже проходного балла нет золотых и серебряных клиентов.
keylist-lacks = Чего не хватает
# The shortfall is always a decimal fraction, which takes the genitive singular.
keylist-lacks-points = { $points } балла
keylist-lacks-tie = Равный балл; уступил по потенциалу или идентификатору
export-csv = Выгрузить CSV
export-xlsx = Выгрузить Excel

## Настройки скоринга
settings-title = Настройки скоринга
settings-lead = Как выбираются ключевые клиенты. Каждое изменение сохраняется в истории ниже: кто и когда его внёс.
settings-note = Комментарий к изменению
settings-do-preview = Оценить последствия
settings-preview = Что изменится
settings-preview-key = Ключевых сейчас: { $now }
settings-preview-gaining = { $count ->
    [one] { $count } клиент станет ключевым
    [few] { $count } клиента станут ключевыми
    [many] { $count } клиентов станут ключевыми
   *[other] { $count } клиента станут ключевыми
}
settings-preview-losing = { $count ->
    [one] { $count } клиент перестанет быть ключевым
    [few] { $count } клиента перестанут быть ключевыми
    [many] { $count } клиентов перестанут быть ключевыми
   *[other] { $count } клиента перестанут быть ключевыми
}
settings-preview-segments = { $count ->
    [one] { $count } клиент сменит сегмент
    [few] { $count } клиента сменят сегмент
    [many] { $count } клиентов сменят сегмент
   *[other] { $count } клиента сменят сегмент
}
settings-preview-hint = Ничего не сохраняется, пока вы не нажмёте «Сохранить».
settings-saved = Настройки сохранены; список ключевых пересчитан.
settings-history-changes = Что изменилось
settings-history-by-system = KAM Desk
settings-history-installed = Значения методики по умолчанию, заданные при установке.
settings-history-no-change = Сохранено без изменений
settings-history = История изменений
setting-cap-pct = Лимит, % клиентской базы
setting-weight-potential = Вес потенциала
setting-gold-min = Золотой от балла
setting-silver-min = Серебряный от балла
setting-horizon-years = Горизонт прогноза, лет
setting-abc-a-pct = ABC: A до, % продаж
setting-abc-b-pct = ABC: B до, % продаж
setting-xyz-x-cv = XYZ: X до коэффициента вариации
setting-xyz-y-cv = XYZ: Y до коэффициента вариации
setting-at-risk-days = Под угрозой через, дней без заказов
setting-lost-days = Вероятно потерян через, дней без заказов
setting-breadwinner-pct = Кормилец от, % общей маржи
settings-hint-cap-pct = Целое число от 1 до 20 (20% — потолок методики).
settings-hint-weight-potential = От 0 до 1; остальное — вес стратегической важности.
settings-hint-gold-min = От 0 до 100, выше порога серебряного.
settings-hint-silver-min = От 0 до 100.
settings-hint-horizon-years = Целое число от 1 до 10, начиная с текущего года.
settings-hint-abc-a-pct = Больше 0 и меньше порога B.
settings-hint-abc-b-pct = Больше порога A и меньше 100.
settings-hint-xyz-x-cv = Больше 0 и меньше порога Y.
settings-hint-xyz-y-cv = Больше порога X.
settings-hint-at-risk-days = Целое число дней, не больше 3 650, меньше чем «вероятно потерян».
settings-hint-lost-days = Целое число дней, не больше 3 650, больше чем «под угрозой».
settings-hint-breadwinner-pct = От 1 до 100.

## Списки
follow-ups-title = Напоминания
follow-up-account-hidden = Клиент не из ваших команд
follow-ups-none = Открытых напоминаний нет.
orders-title = Заказы
orders-none = Заказов пока нет.
reviews-title = Согласование списка ключевых клиентов
reviews-lead = Встречи, на которых согласуются список ключевых клиентов и ответственные, каждая со снимком списка.
reviews-none = Согласований пока не было.
dashboard-title = Панель директора
dashboard-client-base = клиентов в базе

## Профиль
profile-title = Мой профиль
profile-language = Язык интерфейса
profile-password = Пароль
profile-current-password = Текущий пароль
profile-new-password = Новый пароль (не короче 10 символов)
profile-confirm-password = Повторите новый пароль
profile-change-password = Сменить пароль
profile-password-changed = Пароль изменён. Ваши другие сеансы завершены.

## Администрирование
admin-users-title = Пользователи
admin-add-user = Добавить пользователя
admin-edit-user = Имя и роль
admin-last-sign-in = Последний вход
admin-active = Активен
admin-inactive = Отключён
admin-locked = заблокирован после неудачных входов
admin-user-added = Пользователь добавлен.
admin-user-saved = Пользователь сохранён.
admin-user-activated = Пользователь снова активен.
admin-user-deactivated = Пользователь отключён; его сеансы завершены.
admin-reset-password = Сбросить пароль
admin-reset-hint = Сеансы пользователя завершатся; сообщите ему новый пароль лично.
admin-password-reset = Пароль сброшен; сеансы пользователя завершены.
admin-access = Доступ
admin-deactivate = Отключить
admin-activate = Включить снова
admin-deactivate-hint = Отключённый пользователь не может войти и сразу выходит из системы. Его история сохраняется.

## Ошибки у полей
error-required = Заполните это поле.
error-too-long = Слишком длинно: не более { $max } { $max ->
    [one] символа
   *[other] символов
}.
error-control-character = Здесь есть управляющий символ (например, нулевой символ, а также перевод строки или табуляция там, где помещается только одна строка). Уберите его.
error-invisible-character = Здесь есть невидимый символ форматирования (например, смена направления текста или пробел нулевой ширины), из-за которого текст выглядит не тем, чем является. Наберите его заново.
error-invalid-email = Это не похоже на адрес e-mail.
error-email-taken = Пользователь с таким e-mail уже есть.
error-password-too-short = Не короче 10 символов.
error-password-mismatch = Пароли не совпадают.
error-wrong-password = Текущий пароль неверен (после нескольких неудачных попыток проверка на время приостанавливается: подождите несколько минут).
error-invalid-choice = Выберите один из вариантов.
error-last-admin = Последний активный администратор должен остаться администратором.
error-cannot-deactivate = Нельзя отключить себя или последнего активного администратора.
admin-stored-now = Сейчас сохранено:
error-edit-conflict = Кто-то изменил эти данные раньше вас. Сохранённая сейчас версия показана на странице, а в форме осталось то, что ввели вы: проверьте и сохраните ещё раз.
error-settings-conflict = Кто-то уже сохранил новые настройки. Посмотрите историю ниже и сохраните ещё раз.
error-importance-range = Целое число от 0 до 5.
error-not-a-number = Введите число, например 0,7.
error-not-a-whole-number = Введите целое число.
error-out-of-range = Вне допустимого диапазона.
error-gold-not-above-silver = Порог золотого должен быть выше серебряного.
error-a-not-below-b = Порог A должен быть ниже порога B.
error-x-not-below-y = Порог X должен быть ниже порога Y.
error-at-risk-not-below-lost = «Под угрозой» должно наступать раньше, чем «вероятно потерян».
error-too-precise-2 = Не больше двух знаков после запятой.
error-too-precise-3 = Не больше трёх знаков после запятой.
error-pin-reason-required = Для закрепления нужна письменная причина.
error-pin-bronze = Бронзового клиента нельзя закрепить как ключевого: ключевыми могут быть только золотые и серебряные. Сначала пересмотрите потенциал или важность.
error-pin-not-in-base = Потерянный или архивный клиент не может быть ключевым.
error-pin-cap-full = Все места в лимите уже заняты закреплёнными клиентами. Сначала снимите закрепление с одного из них.

## Страницы ошибок
error-go-home = На главную
error-400-title = Запрос не удалось понять
error-400-body = Вернитесь назад и попробуйте ещё раз.
error-403-title = Нет доступа
error-403-body = Ваша роль не позволяет это сделать. Если это нужно, обратитесь к директору по продажам или администратору.
error-csrf-title = Форма устарела
error-csrf-body = В целях безопасности форма отклонена. Обновите страницу и отправьте её ещё раз.
error-404-title = Страница не найдена
error-404-body = Такой страницы нет или у вас нет к ней доступа.
error-500-title = Что-то пошло не так
error-500-body = Ошибка записана в журнал. Попробуйте ещё раз чуть позже.
error-503-title = Временно недоступно
error-503-body = База данных сейчас недоступна. Попробуйте ещё раз чуть позже.

## Сделки и тендеры (задача 10: deals)
pipeline-title = Воронка сделок
pipeline-lead = Сделки и тендеры в работе по клиентам, которые вам видны, — по этапам.
deals-search = Название или клиент
pipeline-close-from = Решение с
pipeline-close-to = Решение по
sort-by = Порядок
pipeline-sort-stage = Этап, затем ожидаемое решение
pipeline-sort-amount = Сначала крупные суммы
pipeline-by-stage = По этапам
pipeline-deals = Сделки
pipeline-total = Итого
pipeline-sums-hint = Суммы — по каждой валюте отдельно; сделки без суммы учтены в количестве, но в сумму не входят.
pipeline-sheet-name = Воронка
tenders-title = Реестр тендеров
tenders-upcoming = предстоящих сроков подачи
tenders-due-30 = сроков подачи в ближайшие 30 дней
tenders-avg-gap = средняя разница нашей цены и цены победителя (проигранные тендеры)
tenders-views = Разделы реестра
tenders-view-all = Все тендеры
tenders-view-upcoming = Предстоящие сроки
tenders-view-open = В работе
tenders-view-won = Выигранные
tenders-view-lost = Проигранные
tenders-view-closed = Итоги
tenders-deadline-from = Срок подачи с
tenders-deadline-to = Срок подачи по
tenders-sort-default = Срок подачи (порядок раздела)
tenders-sort-deadline = Сначала ближайшие сроки
tenders-sort-latest = Сначала поздние сроки
tenders-sort-gap = Сначала наибольшая разница в цене
tenders-none = Подходящих тендеров нет.
tenders-days-left = { $days ->
    [0] сегодня
    [one] через { $days } день
    [few] через { $days } дня
    [many] через { $days } дней
   *[other] через { $days } дня
}
tenders-awaiting-result = срок прошёл, ждём итогов
tenders-sheet-name = Тендеры
nav-sales = Продажи
nav-pipeline = Воронка сделок
nav-tenders = Тендеры
deals-title = Сделки и тендеры
deals-new = Новая сделка или тендер
deals-list = Все сделки и тендеры
deals-none = Подходящих сделок и тендеров нет.
deals-record = Победы и поражения
deals-open = В работе
deals-won = Выиграно
deals-lost = Проиграно
deals-win-rate = Доля побед
deals-won-sum = Выиграно на сумму
deals-reasons = Почему выиграли или проиграли
deals-stages-open = В работе (любой открытый этап)
deals-stages-closed = Завершённые (выиграны или проиграны)
deals-col-dates = Даты
deals-col-tender = Тендер
deals-col-outcome = Итог
deals-lots = { $count ->
    [one] { $count } лот
    [few] { $count } лота
    [many] { $count } лотов
   *[other] { $count } лота
}
deals-gap-pct = Наша цена против победившей: { $pct } %
deals-close = Закрыть: выиграна или проиграна
deals-tender-fields = Тендер
deals-tender-hint = Только для тендеров: срок подачи заявки, число лотов, на которые мы подаёмся, наша цена и, когда станет известна, цена победителя.
deals-closing-fields = Итог
deals-closing-hint = Нужен, когда этап — «выиграна» или «проиграна»: причина из списка, причина своими словами и дата решения. Победитель (конкурент из досье или другая компания) указывается только у проигранной сделки.
deals-sheet-name = Сделки
deal-created = Сделка записана.
deal-saved = Сделка сохранена.
deal-field-kind = Вид
deal-field-title = Название
deal-field-stage = Этап
deal-field-amount = Сумма
deal-field-currency = Валюта
deal-field-opened-on = Открыта
deal-field-expected-close-on = Ожидаемое решение
deal-field-owner = Ведёт
deal-field-deadline-on = Срок подачи
deal-field-lots = Лоты
deal-field-our-bid = Наша цена
deal-field-winning-bid = Цена победителя
deal-field-outcome-reason = Причина
deal-field-outcome-note = Причина своими словами
deal-field-closed-on = Дата решения
deal-field-winner = Победитель
deal-field-winner-name = …или другая компания
deal-col-gap = Разница в цене
deal-col-gap-pct = Разница в цене, %
deal-col-id = Код сделки
col-client-id = Код клиента
deal-kind-deal = Сделка
deal-kind-tender = Тендер
deal-stage-lead = Интерес
deal-stage-qualification = Квалификация
deal-stage-proposal = Предложение
deal-stage-negotiation = Переговоры
deal-stage-won = Выиграна
deal-stage-lost = Проиграна
outcome-reason-price = Цена
outcome-reason-quality = Качество
outcome-reason-terms = Условия
outcome-reason-relationship = Отношения
outcome-reason-no-decision = Решение не принято
outcome-reason-competitor-incumbent = Остался действующий поставщик
outcome-reason-other = Другое
pager-label = Страницы
pager-rows = Строки { $first }
pager-of = из { $total }
pager-page = Страница { $page }
pager-previous = Назад
pager-next = Дальше
field-deal-created = Сделка записана
field-deal-kind = Вид сделки
field-deal-title = Название сделки
field-deal-stage = Этап сделки
field-deal-amount = Сумма сделки
field-deal-currency = Валюта сделки
field-deal-opened-on = Сделка открыта
field-deal-expected-close-on = Ожидаемое решение по сделке
field-deal-owner = Сделку ведёт
field-deal-deadline-on = Срок подачи на тендер
field-deal-lots = Лоты тендера
field-deal-our-bid = Наша цена
field-deal-winning-bid = Цена победителя
field-deal-outcome-reason = Причина итога сделки
field-deal-outcome-note = Итог сделки своими словами
field-deal-closed-on = Дата решения по сделке
field-deal-winner = Победитель сделки
field-deal-winner-id = Победитель сделки (из досье)
error-invalid-date = Укажите дату.
error-lots-range = Целое число лотов от 1 до 999.
error-money-negative = Сумма не может быть отрицательной.
error-winner-both = Выберите конкурента или впишите другую компанию — что-то одно.
error-deal-closed-is-final = По этой сделке уже есть решение: её этап не меняется.
error-deal-tender-field = Это поле только для тендера. Выберите вид «Тендер» или оставьте поле пустым.
error-deal-reason-required = У выигранной или проигранной сделки должна быть причина.
error-deal-note-required = Объясните в нескольких словах, почему.
error-deal-closed-on-required = Когда было принято решение?
error-deal-outcome-on-open = Итог бывает только у выигранной или проигранной сделки: выберите этап «Выиграна» или «Проиграна» либо оставьте поле пустым.
error-deal-winner-only-lost = Победитель бывает только у проигранной сделки.
error-deal-winner-required = Укажите действующего поставщика, который сохранил заказ.
error-deal-opened-in-future = Сделку нельзя открыть задним числом в будущем.
error-deal-expected-before-opened = Ожидаемое решение не может быть раньше открытия сделки.
error-deal-closed-before-opened = Решение не может быть принято раньше открытия сделки.
error-deal-closed-in-future = Дата решения не может быть в будущем.
## Teams, ownership, workload, offers, the key list's filters (engineer `teams`)
nav-ownership = Кто за кем
choose = — выберите —
search = Поиск
team-open = Команда, история ответственных и передача
team-page-title = Команда
team-rank = место { $rank }
team-unowned-alarm = У этого ключевого клиента нет ответственного
team-unowned-explain = У каждого ключевого клиента должен быть ровно один ответственный. Директор назначает его здесь; КАМ может предложить себя.
team-owner-title = Ответственный
team-handover-title = Передать клиента
team-new-owner = Новый ответственный (КАМ)
team-handover-reason = Причина
team-handover-note = Записка для нового ответственного
team-handover-hint = Записку новый ответственный прочтёт первой: открытые сделки, данные обещания, кому позвонить.
team-handover-save = Передать
team-history-title = История ответственных
team-history-none = У клиента ещё не было ответственного.
team-history-unrecorded = не записана
team-current = сейчас
team-members-title = Команда
team-members-none = Никого, кроме ответственного.
team-add-member = Добавить в команду
team-function-none = — (помощники) —
team-add = Добавить
team-past-title = Раньше в команде
team-owner-saved = Ответственный сменён, передача записана.
team-member-saved = Команда сохранена.
col-from = С
col-to = По
col-person = Сотрудник
col-team-role = Роль в команде
col-function = Функция
col-change = Изменить
col-team = Команда
col-kam = КАМ
col-key-accounts = Ключевые клиенты
col-load = Нагрузка
team-function-logistics = Логистика
team-function-finance = Финансы
team-function-trade-marketing = Трейд-маркетинг
team-function-category-management = Категорийный менеджмент
team-function-legal = Юристы
team-function-other = Другое
handover-reason-unowned = У клиента не было ответственного
handover-reason-rebalance = Выравнивание нагрузки
handover-reason-owner-left = Прежний ответственный ушёл или сменил роль
handover-reason-expertise = Знает отрасль или регион клиента
handover-reason-client-request = Просьба клиента
handover-reason-review = Решение согласования списка
handover-reason-offer-accepted = КАМ предложил взять клиента
handover-reason-other = Другое (см. записку)
offer-status-open = Ждёт решения директора
offer-status-accepted = Принято
offer-status-declined = Отклонено
offer-status-superseded = Закрыто: у клиента появился ответственный
offers-title = Предложения взять клиента
offers-none = Предложений нет.
offer-note = Почему этим клиентом должны заниматься вы
offer-send = Предложить себя
offer-answer = Ответ
offer-accept = Принять: назначить ответственным
offer-decline = Отклонить
offer-kam-load = { $count ->
    [one] сейчас ведёт { $count } ключевого клиента
    [few] сейчас ведёт { $count } ключевых клиента
    [many] сейчас ведёт { $count } ключевых клиентов
   *[other] сейчас ведёт { $count } ключевого клиента
}
offer-sent = Предложение отправлено директорам.
offer-accepted = Предложение принято: теперь КАМ отвечает за клиента.
offer-declined = Предложение отклонено; КАМ увидит ваш ответ.
offers-open-title = Предложения ждут вашего решения
offers-open-none = Открытых предложений нет.
error-handover-reason-required = Для передачи нужна причина.
error-owner-changed = Пока вы заполняли форму, ответственного сменил кто-то другой. Текущий ответственный показан на странице; введённое вами сохранено в форме.
error-owner-not-kam = Отвечать за клиента может только КАМ.
error-owner-inactive = Этот пользователь отключён.
error-owner-same = Этот КАМ уже отвечает за клиента.
error-owner-by-handover = Ответственный меняется только передачей клиента.
error-member-not-assistant = Помощником в команду может войти только помощник КАМа.
error-ends-before-start = Конец не может быть раньше начала.
error-already-on-team = Этот сотрудник уже в команде.
error-function-required = Укажите функцию участника команды.
error-offer-has-owner = У клиента уже есть ответственный.
error-offer-not-key = Предложить себя можно только для ключевого клиента без ответственного.
error-offer-open = Вы уже предложили себя для этого клиента.
error-offer-decided = Пока вы отвечали, по этому предложению уже решили.
error-decline-answer-required = Объясните КАМу причину.
error-assistant-not-kam = Помощник работает только на КАМов.
assistants-title = Помощники и их КАМы
assistants-lead = Какой помощник работает на какого КАМа. При передаче клиента помощники нового ответственного входят в его команду, а помощники прежнего выходят из неё.
assistants-none = Помощников нет.
assistants-no-kams = КАМов нет.
assistants-works-for = Работает на
assistants-kam-load = { $count ->
    [one] { $count } ключевой клиент
    [few] { $count } ключевых клиента
    [many] { $count } ключевых клиентов
   *[other] { $count } ключевого клиента
}
assistants-saved = Сохранено.
banner-unowned-key = { $count ->
    [one] У { $count } ключевого клиента нет ответственного. Назначьте его.
   *[other] У { $count } ключевых клиентов нет ответственного. Назначьте их.
}
keylist-show-unowned = Показать их
keylist-none-match = Ни один ключевой клиент не подходит под фильтр.
filter-all = Все
filter-unowned = Без ответственного
filter-at-risk = Под угрозой ухода
filter-apply = Показать
filter-clear = Сбросить фильтр
ownership-title = Кто за кем
ownership-lead = Все ключевые клиенты с ответственными и командами. Клиенты без ответственного — первыми.
ownership-assign = Назначить ответственного
ownership-hand-over = Передать
ownership-sheet-name = Ответственные
workload-title = Нагрузка
workload-guidance = Ориентир: от { $low }
workload-guidance-high = до { $high } ключевых клиентов на КАМа.
workload-no-kams = КАМов нет.
load-idle = Без клиентов
load-light = Можно добавить
load-within = В пределах ориентира
load-overloaded = Перегружен
field-owner = Ответственный
field-joined = Вошёл в команду
field-left = Вышел из команды
field-started-on = В команде с
field-ended-on = В команде по
field-function = Функция
field-offer = Предложение взять клиента
field-status = Статус
## Contact map (contacts: src/web/contacts.rs, src/web/interactions.rs)
history-section-contacts = Контакты
field-interaction = Записано взаимодействие
overview-contacts-count = { $count ->
    [0] У клиента нет ни одного действующего контакта.
    [one] { $count } действующий контакт.
    [few] { $count } действующих контакта.
    [many] { $count } действующих контактов.
   *[other] { $count } действующих контактов.
}
overview-no-gaps = Пробелов в покрытии нет.
overview-map-link = Карта контактов
dashboard-gaps-title = Карта контактов: пробелы в покрытии
dashboard-gap = Пробел
dashboard-gaps-key = Ключевые клиенты
dashboard-gaps-all = Все клиенты базы
gap-kind-uncovered-decider = ЛПР или держатель бюджета, которого никто у нас не ведёт
gap-kind-no-champion = Нет союзника внутри
gap-kind-strong-blocker = Блокирующий с высоким влиянием
gap-kind-stale = Контакт без взаимодействий более 90 дней
gap-kind-no-contact = Нет ни одного контакта
dashboard-gap-any = Хотя бы один из этих пробелов
dashboard-gaps-note = Считаются клиенты, а не люди: клиент с двумя пробелами учтён по разу в каждой строке и один раз в последней. Только потенциальные и активные клиенты; кого это касается, видно на карте каждого клиента.
contacts-title = Контакты
contacts-new = Новый контакт
contacts-search = Поиск контактов
contacts-state = Показать
contacts-state-current = Работают у клиента
contacts-state-gone = Ушедшие
contacts-state-all = Все
contacts-count = { $count ->
    [one] { $count } контакт
    [few] { $count } контакта
    [many] { $count } контактов
   *[other] { $count } контакта
}
contacts-see-map = посмотреть на карте
contacts-none = Контактов пока нет.
contacts-sheet-name = Контакты
col-name = Имя
col-created = Добавлен
field-full-name = ФИО
field-title = Должность
field-department = Подразделение
field-phone = Телефон
field-decision-role = Роль в решении
field-influence = Влияние
field-attitude = Отношение к нам
field-reports-to = Руководитель
field-covered-by = Кто ведёт (с нашей стороны)
field-last-contact = Последний контакт
field-gone-on = Ушёл от клиента
field-measured-on = По чему оценивают работу
field-motivation = Что им движет
field-notes = Заметки
field-change-note = Почему изменилось отношение или влияние
hint-phone = Только цифры, пробелы и знаки + ( ) - . /
hint-change-note = Сохраняется вместе с изменением в истории контакта.
reports-to-nobody = Нет (вершина схемы)
map-not-known = Неизвестно
map-nobody = Никто
never = Ни разу
edit = Изменить
cancel = Отмена
contact-gone-badge = ушёл
contact-edit-title = Изменение контакта
contact-saved = Контакт сохранён.
contact-gone = Контакт отмечен как ушедший. Он остаётся в истории.
contact-back = Контакт снова работает у клиента.
contact-about = О человеке
contact-timeline = Отношение и влияние во времени
contact-timeline-empty = Изменений пока не записано.
contact-gone-title = Ушёл от клиента
contact-gone-hint = Контакт не удаляется: он остаётся в истории, в ленте изменений и в прошлых взаимодействиях, но пропадает с карты.
contact-gone-action = Отметить как ушедшего
contact-back-title = Снова у клиента
contact-back-hint = Вернулся или отмечен как ушедший по ошибке?
contact-back-action = Вернуть в контакты клиента
role-short-decision-maker = ЛПР
role-short-economic-buyer = Держит бюджет
role-short-technical-buyer = Техн. эксперт
role-short-user = Пользователь
role-short-influencer = Влияет
role-short-gatekeeper = Привратник
role-short-champion = Союзник
role-short-blocker = Блокирует
decision-role-decision-maker = Лицо, принимающее решение
decision-role-economic-buyer = Распоряжается бюджетом
decision-role-technical-buyer = Технический эксперт
decision-role-user = Пользователь
decision-role-influencer = Влияет на решение
decision-role-gatekeeper = Привратник
decision-role-champion = Наш союзник (чемпион)
decision-role-blocker = Блокирует
influence-high = Высокое
influence-medium = Среднее
influence-low = Низкое
attitude-supporter = Сторонник
attitude-neutral = Нейтрален
attitude-opponent = Противник
interaction-kind-call = Звонок
interaction-kind-meeting = Встреча
interaction-kind-email = Письмо
interaction-kind-visit = Визит
interaction-kind-other = Другое
map-title = Карта контактов
map-table-view = Таблица
map-empty = Пока некого показать на карте.
map-desc-people = { $count ->
    [one] Организационная схема: { $count } человек у клиента.
    [few] Организационная схема: { $count } человека у клиента.
    [many] Организационная схема: { $count } человек у клиента.
   *[other] Организационная схема: { $count } человека у клиента.
}
map-desc-roots = { $count ->
    [one] У { $count } из них нет руководителя на карте.
    [few] У { $count } из них нет руководителя на карте.
    [many] У { $count } из них нет руководителя на карте.
   *[other] У { $count } из них нет руководителя на карте.
}
map-desc-table = В таблице те же люди со всеми подробностями.
map-gone-not-shown = { $count ->
    [one] { $count } ушедший контакт не показан на карте.
    [few] { $count } ушедших контакта не показаны на карте.
    [many] { $count } ушедших контактов не показаны на карте.
   *[other] { $count } ушедшего контакта не показаны на карте.
}
map-see-gone = Показать их
gaps-title = Пробелы в покрытии
gaps-none = Пробелов нет: принимающие решение покрыты, есть союзник, нет сильных противников, и со всеми был контакт за последние 90 дней.
gap-no-contact = У этого клиента нет ни одного контакта.
gap-uncovered-decider = { $count ->
    [one] { $count } ЛПР или распорядитель бюджета без контакта с нашей стороны
    [few] { $count } ЛПР или распорядителя бюджета без контакта с нашей стороны
    [many] { $count } ЛПР или распорядителей бюджета без контакта с нашей стороны
   *[other] { $count } ЛПР или распорядителя бюджета без контакта с нашей стороны
}
gap-strong-blocker = { $count ->
    [one] { $count } блокирующий с высоким влиянием
    [few] { $count } блокирующих с высоким влиянием
    [many] { $count } блокирующих с высоким влиянием
   *[other] { $count } блокирующего с высоким влиянием
}
gap-no-champion = Внутри нет союзника, который продвигает нас.
gap-stale = { $count ->
    [one] { $count } контакт без взаимодействий больше 90 дней
    [few] { $count } контакта без взаимодействий больше 90 дней
    [many] { $count } контактов без взаимодействий больше 90 дней
   *[other] { $count } контакта без взаимодействий больше 90 дней
}
gap-stale-badge = 90+ дней
gap-uncovered-decider-one = Пробел: этот контакт принимает решение или распоряжается бюджетом, а с нашей стороны его никто не ведёт.
gap-strong-blocker-one = Пробел: блокирует, и влияние высокое.
gap-stale-one = Пробел: с этим контактом не было взаимодействий больше 90 дней.
legend-title = Условные обозначения
legend-attitude-unknown = Отношение неизвестно
legend-influence-high = Толстая рамка: высокое влияние
legend-influence-medium = Средняя рамка: среднее влияние
legend-influence-low = Тонкая рамка: низкое влияние (пунктир: неизвестно)
legend-role = Роль в решении
legend-initials = Инициалы коллеги, который ведёт контакт
legend-nobody = С нашей стороны никто не ведёт
legend-gap = Часть пробела в покрытии
legend-stale = Нет взаимодействий больше 90 дней
interactions-title = Взаимодействия
interactions-new = Записать взаимодействие
interactions-search = Поиск по содержанию
interactions-none = Взаимодействий пока не записано.
interactions-count = { $count ->
    [one] { $count } взаимодействие
    [few] { $count } взаимодействия
    [many] { $count } взаимодействий
   *[other] { $count } взаимодействия
}
interactions-all-of-contact = Все взаимодействия с этим контактом ({ $count })
interactions-follow-up = Напоминание
interactions-sheet-name = Взаимодействия
interactions-make-follow-up = Сделать следующий шаг напоминанием
interaction-logged = Взаимодействие записано; дата последнего контакта участников обновлена.
field-date = Дата
field-time = Время (необязательно)
field-kind = Вид
field-their-side = С их стороны
field-our-side = С нашей стороны
field-summary = Содержание
field-next-step = Следующий шаг
field-follow-up-due = Срок напоминания
field-assignee = Исполнитель
error-invalid-phone = В номере телефона только цифры, пробелы и знаки + ( ) - . /, цифр не меньше пяти.
error-invalid-time = Введите время в часах и минутах.
error-date-in-future = Эта дата ещё не наступила.
error-date-in-past = Эта дата уже прошла.
error-reports-to-self = Контакт не может подчиняться сам себе.
error-reports-to-other-account = Выберите действующий контакт этого клиента.
error-reports-to-loop = Получится замкнутый круг: выбранный руководитель уже подчиняется этому контакту
error-our-side-required = Отметьте хотя бы одного участника с нашей стороны.
error-next-step-for-follow-up = Напишите следующий шаг, чтобы сделать из него напоминание.
## Account hub: header, tabs, overview, status, history (account-hub)
tabs-label = Разделы клиента
tab-group-overview = Обзор
tab-group-dossier = Досье
tab-group-contacts = Контакты
tab-group-sales = Продажи
tab-group-team = Команда
tab-group-planning = Планирование
tab-group-history = История
tab-overview = Обзор
tab-why = Решение о ключевом
tab-general = Общее
tab-footprint = География
tab-potential = Потенциал
tab-importance = Важность
tab-needs = Потребности
tab-competitors = Конкуренты
tab-qualification = Квалификация (3П)
tab-types = Типы клиента
tab-contacts = Контакты
tab-map = Карта контактов
tab-interactions = Взаимодействия
tab-deals = Сделки и тендеры
tab-orders = Заказы
tab-follow-ups = Напоминания
tab-timeline = Хронология
tab-analysis = Анализ
tab-team = Команда
tab-plan = План по клиенту
tab-competitive = Конкурентный анализ
tab-special-offers = Предложения
tab-budget = Бюджет
tab-brief = Справка к встрече
tab-history = История
header-key = Ключевой ли
header-completeness = Досье
header-missing = Пустые разделы:
section-general = Общее
section-footprint = География
section-development = Планы развития
section-potential = Потенциал
section-importance = Стратегическая важность
section-needs = Потребности
section-competitors = Конкуренты
section-qualification = Квалификация (3П)
section-types = Типы клиента
section-status = Статус
three-p-need = Потребность
three-p-ability-to-pay = Платёжеспособность
three-p-authority = Полномочия
qualification-not-ready = Не готов
overview-why-link = Почему ключевой или нет, и закрепление директором →
overview-dossier = Досье
overview-no-description = Описания пока нет.
overview-dossier-complete = Все разделы досье заполнены.
overview-recent = Последние изменения
overview-history-link = Вся история →
field-headcount = Численность персонала
status-change-link = Изменить статус…
status-change-title = Изменение статуса
status-current = Текущий статус:
status-new = Новый статус
status-reason = Причина
status-reason-hint = Почему меняется статус: для потерянного клиента — почему мы его потеряли. Досье клиента сохраняется целиком.
status-save = Изменить статус
status-saved = Статус изменён.
status-closed-since = Закрыт { $date }.
error-status-unchanged = У клиента уже этот статус.
conflict-title = Кто-то сохранил раньше вас
conflict-removed = Кто-то уже удалил эту запись. Ничего не сохранено.
conflict-saved-by = Сохранил(а): { $name }.
conflict-yours-kept = Ваш ввод (сохранён в форме ниже)
conflict-theirs = Сохранено сейчас
history-section = Раздел
history-all = Все разделы
history-section-general = Общее
history-section-footprint = География
history-section-development = Планы развития
history-section-potential = Потенциал
history-section-importance = Стратегическая важность
history-section-needs = Потребности
history-section-competitors = Конкуренты
history-section-qualification = Квалификация (3П)
history-section-types = Типы клиента
history-section-status = Статус
history-section-pin = Закрепление директором
history-section-account = Карточка клиента
history-section-plan = План по клиенту
history-system = система
pager-newer = Новее
pager-older = Старее
field-status-reason = Причина смены статуса
bool-true = да
bool-false = нет
footprint-current = Где клиент присутствует сейчас
footprint-note = Что там есть
footprint-projected = Лига после реализации планов
footprint-planned-dm = Принятие решений после реализации планов
footprint-planned-on = Срок
footprint-our-presence = Наша компания там
footprint-present = есть
footprint-not-present = нас нет: спланировать присутствие
footprint-no-plans = Планируемых площадок нет.
field-strategy = Стратегия
field-investments = Инвестиции


## Хронология клиента (deals)
timeline-title = Хронология
timeline-filter = Показать
timeline-all = Всё
timeline-oldest-first = Сначала старые
timeline-newest-first = Сначала новые
timeline-none = Здесь пока ничего не происходило.
timeline-col-day = Дата
timeline-col-time = Время
timeline-col-kind = Вид
timeline-col-event = Что произошло
timeline-col-what = О чём
timeline-col-detail = Подробности
timeline-col-amount = Сумма
timeline-col-currency = Валюта
timeline-overdue = Просрочено
timeline-sheet-name = Хронология
timeline-stage-now = Этап сейчас
timeline-winner = победитель: { $name }
timeline-with = { $count ->
    [1] с контактом: { $name }
   *[other] с контактами: { $name }
}
timeline-kind-order = Заказы
timeline-kind-deal = Сделки и тендеры
timeline-kind-interaction = Взаимодействия
timeline-kind-follow-up = Следующие шаги
timeline-kind-dossier = Изменения досье
timeline-kind-team = Команда
timeline-kind-pin = Закрепления
timeline-event-order-placed = Заказ оформлен
timeline-event-deal-opened = { $kind ->
    [tender] Тендер объявлен
   *[deal] Сделка открыта
}
timeline-event-deal-closed = { $kind ->
    [tender] { $stage ->
        [won] Тендер выигран
       *[lost] Тендер проигран
    }
   *[deal] { $stage ->
        [won] Сделка выиграна
       *[lost] Сделка проиграна
    }
}
timeline-event-deal-stage = Смена этапа
timeline-event-follow-up-due = Шаг запланирован
timeline-event-follow-up-done = Шаг выполнен
timeline-event-dossier-change = Изменение досье
timeline-event-team-change = Вопрос команды
timeline-event-team-joined = Включение в команду
timeline-event-team-left = Выход из команды
timeline-event-pinned = Решение директора

## Анализ (deals)
analysis-title = Анализ
analysis-matrix-link = Матрица ABC–XYZ
analysis-window = Период анализа
analysis-abc = Класс ABC
analysis-revenue = Выручка
analysis-base-revenue = Выручка клиентской базы
analysis-share = Доля в базе
analysis-before = Доля клиентов выше по рейтингу
analysis-base-size = Клиентов в базе
analysis-abc-rule-a = A, пока у клиентов выше по рейтингу меньше { $a } % выручки базы;
analysis-abc-rule-b = B, пока у них меньше { $b } %; иначе, а также без выручки — C.
analysis-not-in-base = Ранжируются только потенциальные и действующие клиенты: у этого клиента нет класса ABC.
analysis-xyz = Класс XYZ
analysis-no-class = нет (нет выручки за период)
analysis-mean = Средний месяц
analysis-cv = Коэффициент вариации
analysis-xyz-rule-x = X при вариации до { $x };
analysis-xyz-rule-y = Y до { $y }; выше — Z.
analysis-months = Выручка по месяцам
analysis-month = Месяц
analysis-churn = Сигнал оттока
analysis-last-order = Последний заказ
analysis-never = не было
analysis-days-since = Дней с тех пор (или с создания клиента)
analysis-churn-rule-risk = Под угрозой после { $days ->
    [one] { $days } дня
   *[other] { $days } дней
} без заказа;
analysis-churn-rule-lost = кандидат в потерянные после { $days ->
    [one] { $days } дня
   *[other] { $days } дней
}.
analysis-refusals = Динамика отказов
analysis-refusals-total = { $count ->
    [one] { $count } сделка проиграна за последние восемь кварталов
    [few] { $count } сделки проиграны за последние восемь кварталов
    [many] { $count } сделок проиграно за последние восемь кварталов
   *[other] { $count } сделки проиграно за последние восемь кварталов
}
analysis-quarter = Квартал
analysis-lost = Проиграно сделок
analysis-matrix-title = Матрица ABC–XYZ
analysis-matrix-intro = Доступные вам клиенты по классу ABC (доля выручки) и классу XYZ (стабильность закупок) по последнему расчёту списка ключевых клиентов. Выберите ячейку, чтобы увидеть её клиентов.
analysis-accounts = { $count ->
    [one] { $count } клиент
    [few] { $count } клиента
    [many] { $count } клиентов
   *[other] { $count } клиента
}
analysis-total = Итого
analysis-cell = Клиенты ячейки
analysis-cell-empty = В этой ячейке нет ваших клиентов.
analysis-col-abc = ABC
analysis-col-xyz = XYZ
analysis-col-accounts = Клиенты
analysis-col-revenue = Выручка за период
analysis-sheet-name = ABC-XYZ
nav-analysis = Матрица ABC–XYZ
## Планирование по клиенту (инженер `planning`: src/web/plan.rs; задача 12)
plan-title = План по клиенту на { $year } год
plan-edit = Изменить цели и встречу
plan-start = Начать план
plan-year = Год
plan-show-year = Показать
plan-client-goals = Стратегические цели клиента
plan-client-goals-hint = Чего хочет добиться клиент, как договорились на совместной встрече по планированию.
plan-field-meeting-on = Дата встречи по планированию
plan-field-participants = Участники (с обеих сторон)
plan-field-client-goals = Стратегические цели клиента
plan-progress = Выполнение плана
plan-overdue = Просроченные действия
plan-no-goals = Цели клиента пока не записаны.
plan-none = Плана на { $year } год пока нет.
plan-objectives = Наши цели по клиенту
plan-objective = Цель
plan-objective-new = Новая цель
plan-no-objectives = Целей пока нет. Цели измеримы: целевая выручка, доля в закупках клиента, новая товарная линия или новый регион.
plan-field-kind = Как измеряется
plan-field-title = Цель
plan-field-target = Целевое значение
plan-field-actual = Достигнуто
plan-field-objective-due = Срок
plan-figures-hint = Выручка в рублях, доля в закупках в процентах (0–100); у новой товарной линии или региона цифр нет: их выполнение — это выполненные действия.
plan-col-objective = Цель
plan-col-unit = Единица
plan-col-progress = Выполнение
plan-col-action = Действие
plan-no-actions = Действий по этой цели пока нет.
plan-action = Действие
plan-action-new = Добавить действие
plan-field-action-title = Действие
plan-field-owner = Ответственный
plan-field-action-due = Срок
plan-field-status = Состояние
plan-action-overdue = просрочено
plan-export-client = Клиент
plan-sheet-name = План по клиенту
plan-saved = План сохранён.
plan-objective-saved = Цель сохранена.
plan-action-saved = Действие сохранено.
objective-kind-revenue = Целевая выручка
objective-kind-share-of-wallet = Доля в закупках клиента
objective-kind-product-line = Новая товарная линия
objective-kind-region = Новый регион
action-status-planned = Запланировано
action-status-in-progress = Выполняется
action-status-done = Выполнено
action-status-cancelled = Отменено
error-plan-target-required = Для цели по выручке или доле в закупках нужно целевое значение.
error-percent-over-100 = Процент — не больше 100.
error-plan-no-figure = У новой товарной линии или региона цифр нет: оставьте поле пустым.
field-plan-created = План начат
field-plan-meeting-on = Дата встречи по планированию
field-plan-participants = Участники встречи по планированию
field-plan-client-goals = Стратегические цели клиента
field-objective-created = Цель добавлена
field-objective-kind = Как измеряется цель
field-objective-title = Цель
field-objective-target = Целевое значение цели
field-objective-actual = Достигнуто по цели
field-objective-due-on = Срок цели
field-action-created = Действие добавлено
field-action-title = Действие
field-action-owner = Ответственный за действие
field-action-due-on = Срок действия
field-action-status = Состояние действия
## Разделы досье: просмотр и правка (account-hub)
dossier-edit = Изменить
dossier-save = Сохранить
dossier-saved = Сохранено; досье и список ключевых клиентов обновлены.
dossier-empty-field = Пока не заполнено.
dossier-saved-at = Последнее сохранение
three-p-not-judged = Ещё не оценено
qualification-readiness = Готов ли клиент к работе как ключевой?
qualification-prospects-only = Три «П» решают для потенциальных клиентов; этот клиент не потенциальный, оценка сохраняется для справки.
qualification-ready = Готов: все три «П» выполнены
qualification-failed = Не выполнено:
qualification-open = Пока ничего не провалено; ещё не оценено:
types-computed = Вычисляемые типы
types-computed-hint = «Кормилец» и «перспективный» вычисляются по заказам и потенциалу при каждом пересчёте; «имиджмейкер» и «эксперт» отмечаются вручную ниже.
competitors-title = Конкуренты у этого клиента
competitors-none = Конкуренты не записаны.
competitor-new = Добавить конкурента
competitor-edit = Изменить конкурента
competitor-remove = Удалить конкурента
competitor-saved = Конкурент сохранён.
competitor-removed = Конкурент удалён.
location-new = Добавить место
location-new-planned = Добавить планируемое место
location-edit = Изменить место
location-remove = Удалить место
location-planned-on-hint = Только для планируемого места: когда клиент собирается там появиться (сегодня или позже).
location-saved = Место сохранено; лига обновлена.
location-removed = Место удалено; лига обновлена.
footprint-planned = Планируемые места
footprint-no-dm-change = Изменений не планируется
potential-title = Потенциал по годам
potential-horizon = Горизонт планирования:
potential-none = Прогноза пока нет.
potential-outside = вне горизонта
potential-annual = Годовой потенциал
potential-annual-how = средний потенциал выручки по годам прогноза внутри горизонта
potential-scored = Сейчас в решении о ключевом клиенте
potential-form-hint = По строке на год: потенциал выручки и маржи и как он оценён. Пустая строка удаляет свой год.
potential-forecast = Прогноз
col-year = Год
field-description = Описание
field-history = История компании
field-org-structure = Организационная структура
field-staff-structure = Структура персонала
field-customers = Её клиенты
field-suppliers = Её поставщики
field-partners = Её партнёры
field-annual-revenue = Годовая выручка
field-decision-note = Как принимаются решения по нашей категории
field-planned-decision-making = Принятие решений после выполнения планов
field-strategic-importance = Стратегическая важность (0–5)
field-importance-rationale = Почему такая важность
field-business-needs = Потребности бизнеса: как помочь клиенту зарабатывать больше, обойти конкурентов, увеличить долю рынка
field-counterpart-measures = От чего зависит премия наших контактных лиц
field-competition-note = Конкурентная картина в целом
field-need = Потребность в нашем предложении
field-ability-to-pay = Платёжеспособность
field-authority = Полномочия принимать решение
field-qualified-on = Дата оценки
field-qualification-note = На чём основана оценка
field-is-image-maker = Имиджмейкер: известное имя, добавляющее нам репутации
field-is-expert = Эксперт: требователен к качеству и сервису, глубоко знает рынок
field-competitor-name = Конкурент
field-offering = Что предлагает
field-strengths = В чём силён
field-our-position = Наша позиция против него
field-country = Страна
field-region = Регион
field-city = Город
field-planned-on = Планируется на
field-note = Что там есть
field-revenue = Потенциал выручки
field-margin = Потенциал маржи
field-basis = Как оценён
error-planned-on-current = Планируемая дата бывает только у планируемого места.
error-unknown-country = Выберите страну из списка.
## Согласование списка ключевых клиентов и панель директора (инженер `teams`)
review-open-title = Начать согласование
review-open-hint = При начале согласования сегодняшний список ключевых клиентов замораживается вместе с ответственными, баллами, сегментами, лигами и причинами; решения совещания записываются по этому снимку.
review-open = Начать согласование
review-held-on = Дата совещания
review-held-on-date = Совещание { $date }
review-agreed-on = Дата согласования
review-agreed-on-date = Согласован { $date }
review-opened-by = начал(а) { $name }
review-decided = Решено
review-rows = ключевых клиентов в снимке
review-undecided = Решения ещё нет
review-entered = вошли в список
review-left = вышли из списка
review-owner-changed = сменили ответственного
review-compared-with = Сравнение с предыдущим согласованным списком:
review-no-previous = До этого согласованных списков не было: сравнивать не с чем.
review-participants = Участники
review-participants-users = Кто участвовал
review-guests = Другие участники
review-participants-none = Никто не записан.
review-agree-title = Согласовать список
review-agree-hint = После согласования список становится протоколом совещания: решения и участники больше не меняются.
review-agree = Отметить как согласованный
review-none-match = Ни одна строка не подходит под фильтр.
review-empty = Когда согласование начали, список ключевых клиентов был пуст.
review-owner-before = раньше
review-left-no-decision = Нет в этом списке
review-stored = Сейчас сохранено
review-sheet-name = Согласование списка
review-opened = Согласование начато: список ключевых клиентов заморожен.
review-row-saved = Решение сохранено.
review-participants-saved = Участники сохранены.
review-agreed = Список согласован.
review-decision-keep = Оставить
review-decision-drop = Исключить
review-decision-reassign = Передать другому
review-decision-watch = Наблюдать
review-change-entered = Вошёл в список
review-change-left = Вышел из списка
review-change-owner-changed = Сменился ответственный
col-decision = Решение
col-review-change = Изменение с прошлого согласования
col-note = Примечание
col-reason = Почему ключевой
error-review-agreed = Список уже согласован и больше не меняется.
error-review-row-changed = Эту строку тем временем изменил кто-то другой. Показано то, что сохранено сейчас; ваш ввод остался в форме.
error-review-changed = Это согласование тем временем изменил кто-то другой. Обновите страницу; ваш ввод сохранён.
error-agreed-before-meeting = Нельзя согласовать список раньше совещания.
dashboard-as-of = Показатели на момент последнего пересчёта: { $at }.
dashboard-key-at-risk = ключевых клиентов под угрозой ухода
dashboard-overdue-follow-ups = просроченных напоминаний во всех командах
dashboard-pareto-title = Потенциал и клиенты (Парето)
dashboard-pareto-top20 = Первые 20% клиентов дают { $pct }% всего потенциала.
dashboard-pareto-link = Открыть ключевых клиентов
dashboard-pareto-mark = { $count ->
    [one] { $count } ключевой клиент
    [few] { $count } ключевых клиента
    [many] { $count } ключевых клиентов
   *[other] { $count } ключевого клиента
}
dashboard-pareto-curve = Доля всего потенциала
dashboard-pareto-key = Ключевые клиенты по месту в рейтинге
dashboard-data = Данные графика
dashboard-col-clients-pct = Клиенты (по потенциалу)
dashboard-col-potential-pct = Доля потенциала
dashboard-col-key-in-tenth = Ключевых в этой десятой части
dashboard-sales-title = Доля ключевых клиентов в продажах за 12 месяцев
dashboard-sales-link = Открыть ключевых клиентов
dashboard-band-below = ниже коридора 30–55%
dashboard-band-within = в коридоре 30–55%
dashboard-band-above = выше коридора 30–55%
dashboard-no-sales = За последние 12 месяцев продаж не было.
dashboard-sales-key = Продажи ключевым клиентам
dashboard-sales-all = Продажи всем клиентам
dashboard-leagues-title = Клиенты и ключевые клиенты по лигам
dashboard-clients = Клиенты
dashboard-key-clients = Ключевые клиенты
dashboard-abc-xyz-title = Матрица ABC–XYZ
dashboard-abc-xyz-hint = Клиенты с продажами в каждой клетке, в скобках ключевые; число открывает этих клиентов.
dashboard-workload-title = Ключевые клиенты на каждого KAM
dashboard-workload-none = Нет активных KAM.
dashboard-guidance = Ориентир: 4–10 ключевых клиентов на KAM
keylist-gap = Карта контактов
dashboard-gaps-hint = Сколько ключевых клиентов с каждым пробелом; полоса открывает их. В таблице — ещё и вся база.
dashboard-gap-short-no-contact = Нет ни одного контакта
dashboard-gap-short-uncovered-decider = Лицо, принимающее решение, никто не ведёт
dashboard-gap-short-strong-blocker = Влиятельный противник
dashboard-gap-short-no-champion = Нет сторонника
dashboard-gap-short-stale = Нет связи более 90 дней
budget-title = Бюджет КАМа на { $year } год
budget-edit = Изменить бюджет
budget-start = Составить бюджет
budget-none = Бюджета на { $year } год пока нет.
budget-cost = Плановые затраты на обслуживание клиента
budget-total-cost = Всего затрат
budget-margin = Маржа
budget-planned = План
budget-actual = Факт
budget-net = Маржа за вычетом затрат
budget-cost-share = Затраты в % от плановой маржи
budget-margin-reached = Фактическая маржа в % от плановой
budget-field-people = Время сотрудников
budget-field-marketing = Маркетинговая поддержка
budget-field-discounts = Скидки
budget-field-logistics = Логистика
budget-field-planned-margin = Плановая маржа
budget-field-actual-margin = Фактическая маржа
budget-field-note = Примечание
budget-hint = Суммы в рублях. Пустая статья затрат считается нулём; фактическая маржа заполняется по ходу года.
budget-saved = Бюджет сохранён.
history-section-budget = Бюджет КАМа
field-budget-created = Бюджет составлен
field-budget-people = Бюджет: время сотрудников
field-budget-marketing = Бюджет: маркетинговая поддержка
field-budget-discounts = Бюджет: скидки
field-budget-logistics = Бюджет: логистика
field-budget-planned-margin = Бюджет: плановая маржа
field-budget-actual-margin = Бюджет: фактическая маржа
field-budget-note = Бюджет: примечание
grid-title = Конкурентный анализ глазами клиента
grid-edit = Сохранить новую версию
grid-start = Составить таблицу
grid-save = Сохранить как новую версию
grid-none = Таблицы пока нет. Сравните нас с конкурентами у этого клиента не меньше чем по 10 критериям с весами, которые им придаёт клиент.
grid-version = Версия { $version }
grid-version-col = Версия
grid-show-latest = показать текущую версию
grid-incomplete = Неполная: { $count ->
    [one] { $count } критерий
    [few] { $count } критерия
    [many] { $count } критериев
   *[other] { $count } критериев
}; для анализа нужно не меньше 10.
grid-incomplete-badge = неполная
grid-totals = Взвешенные итоги
grid-totals-hint = Оценки каждой стороны (1–10), взвешенные по важности для клиента.
grid-criteria = Критерии
grid-criterion = Критерий
grid-weight = Вес, %
grid-us = Мы
grid-rival = Конкурент
grid-standing = Против лучшего конкурента
grid-win = выигрываем
grid-tie = наравне
grid-lose = проигрываем
grid-weighted-total = Взвешенный итог
grid-order-hint = Сначала слабые места: критерии, где мы проигрываем, самые дорогие (вес × отставание) сверху.
grid-trend = Прежние версии (динамика)
grid-best-rival = Лучший конкурент
grid-form-hint = Вверху назовите конкурентов, затем для каждого критерия — его вес (сумма весов 100) и оценку от 1 до 10 для нас и каждого конкурента. Пустые строки не учитываются; при числе критериев меньше { $count } таблица отмечается как неполная.
grid-stored-now = Тем временем сохранена версия { $version }
grid-saved = Таблица сохранена как новая версия.
grid-criterion-price = Цена
grid-criterion-quality = Качество
grid-criterion-delivery = Надёжность поставок
grid-criterion-payment-terms = Условия оплаты
grid-criterion-range = Ассортимент
grid-criterion-service = Сервис
grid-criterion-innovation = Инновации
grid-criterion-brand = Бренд
grid-criterion-ordering = Удобство заказа
grid-criterion-relationship = Отношения
error-grid-score = Целая оценка от 1 до 10.
error-grid-no-criteria = Заполните хотя бы один критерий.
error-grid-too-many-criteria = Слишком много критериев.
error-grid-no-rivals = Назовите хотя бы одного конкурента.
error-grid-weights-sum = Сумма весов должна быть равна 100.
error-grid-duplicate-criterion = Такой критерий уже есть в таблице.
error-grid-duplicate-rival = Такой конкурент уже есть в таблице.
error-grid-conflict = Тем временем кто-то сохранил новую версию таблицы (она показана ниже). Ваши данные сохранены в форме: проверьте их и сохраните ещё раз.
history-section-competitive = Конкурентный анализ
field-grid-saved = Сохранена версия таблицы (критерии / итоги)
## Заказы и напоминания (задача 10)
col-currency = Валюта
col-order-id = Идентификатор заказа
col-notes = Заметки
col-done-at = Выполнено
col-done-by = Кем выполнено
export-label = Выгрузить
filter-from = С
filter-to = По
sort-label = Порядок
order-sort-date-desc = Сначала новые
order-sort-date-asc = Сначала старые
order-sort-amount-desc = Сначала крупные
order-sort-amount-asc = Сначала мелкие
section-tabs-label = Разделы клиента
none-chosen = (не выбрано)
order-new = Записать заказ
order-import = Загрузить заказы
order-title = Заказ
order-save = Сохранить заказ
order-saved = Заказ сохранён. Форма готова для следующего.
order-saved-line = Сохранено
order-open = открыть
order-updated = Заказ сохранён.
order-status-moved = Статус заказа изменён.
order-client-hint = Наберите часть названия клиента и выберите его из списка или нажмите Enter для поиска.
order-which-client = Подходит несколько клиентов. Какой из них?
order-move-to = Перевести в
order-logged-by-system = система
order-status-title = Статус
order-status-final = Заказ доставлен или отменён: его статус больше не меняется.
order-history-none = Статус ещё не менялся.
order-edit-title = Изменить заказ
order-description-system-hint = Это описание составила система; если изменить и сохранить его, оно станет вашим текстом.
error-not-a-date = Введите дату, например 25.11.2026 или 2026-11-25.
error-date-too-early = Дата раньше 2000 года — наверняка опечатка.
error-order-after-tomorrow = Заказ не может быть датирован позже завтрашнего дня.
error-margin-above-amount = Маржа не может быть больше суммы.
error-order-status-unchanged = У заказа уже этот статус.
error-status-final = Статус доставленного или отменённого заказа больше не меняется.
error-status-not-next = Заказ переходит на один шаг за раз (размещён, подтверждён, отгружен, доставлен) или отменяется.
error-status-conflict = Кто-то уже изменил этот заказ. Здесь показано его текущее состояние: проверьте его и повторите.
error-client-not-found = Среди ваших клиентов нет ни одного с таким названием.
error-client-ambiguous = Подходит несколько клиентов: выберите одного ниже или наберите название подробнее.
order-import-title = Загрузка заказов
order-import-lead = Загрузите файл CSV с заказами. Загружаются либо все строки, либо ни одной: если хотя бы одна строка неверна, ничего не сохраняется, а каждая неверная строка указывается с номером, столбцом и причиной.
order-import-file = Файл
order-import-file-hint = CSV в кодировке UTF-8 со строкой заголовков, столбцы разделены запятыми или точками с запятой; не больше { $max } МБ.
order-import-dry-run = Только проверить файл (ничего не загружать)
order-import-start = Отправить и загрузить
order-import-columns-title = Столбцы
order-import-columns-lead = Первая строка называет столбцы, в любом порядке.
order-import-sample = Скачать образец файла с вашими клиентами
order-import-column = Столбец
order-import-meaning = Что в нём
order-import-column-account-id = обязательно: идентификатор клиента (как в адресе его страницы)
order-import-column-ordered-on = обязательно: дата заказа, 25.11.2026 или 2026-11-25
order-import-column-amount = обязательно: сумма, не отрицательная, не больше двух знаков после запятой («1 234,50» или «1234.50»)
order-import-column-margin = маржа, не больше суммы (пусто — 0)
order-import-column-currency = RUB, EUR, USD, CNY, KZT или BYN (пусто — RUB)
order-import-column-description = что заказано, не длиннее 300 символов
order-import-column-status = обязательно: placed, confirmed, shipped, delivered или cancelled
order-import-recent = Ваши последние загрузки
order-import-rows = Строк
order-import-dry-run-badge = только проверка
order-import-state-running = идёт
order-import-state-succeeded = готово
order-import-state-refused = отклонено
order-import-state-failed = сбой
order-import-state-interrupted = прервано
order-import-refreshes = Страница обновляется сама, пока загрузка не закончится; можно уйти и вернуться позже.
order-import-interrupted = Сервер остановился во время загрузки. Ничего не загружено: отправьте файл ещё раз.
order-import-failed = Загрузка остановилась из-за ошибки на нашей стороне. Ничего не загружено; ошибка записана в журнал.
order-import-checked = { $count ->
    [one] Проверена { $count } строка: ошибок нет. Ничего не загружено (только проверка).
    [few] Проверены { $count } строки: ошибок нет. Ничего не загружено (только проверка).
    [many] Проверено { $count } строк: ошибок нет. Ничего не загружено (только проверка).
   *[other] Проверено { $count } строки: ошибок нет. Ничего не загружено (только проверка).
}
order-import-done = { $count ->
    [one] Загружен { $count } заказ.
    [few] Загружено { $count } заказа.
    [many] Загружено { $count } заказов.
   *[other] Загружено { $count } заказа.
}
order-import-refused = { $count ->
    [one] В файле { $count } ошибка, поэтому ничего не загружено. Исправьте её и отправьте файл ещё раз.
    [few] В файле { $count } ошибки, поэтому ничего не загружено. Исправьте их и отправьте файл ещё раз.
    [many] В файле { $count } ошибок, поэтому ничего не загружено. Исправьте их и отправьте файл ещё раз.
   *[other] В файле { $count } ошибки, поэтому ничего не загружено. Исправьте их и отправьте файл ещё раз.
}
order-import-more-problems = { $count ->
    [one] …и ещё { $count } ошибка.
    [few] …и ещё { $count } ошибки.
    [many] …и ещё { $count } ошибок.
   *[other] …и ещё { $count } ошибки.
}
order-import-line = Строка
order-import-reason = Ошибка
error-order-import-unknown-column = Неизвестный столбец (см. список столбцов).
error-order-import-duplicate-column = Этот столбец встречается дважды.
error-order-import-missing-column = Нет обязательного столбца.
error-order-import-empty-file = Файл пуст.
error-order-import-no-rows = В файле есть заголовок, но нет заказов.
error-order-import-not-utf8 = Эта строка не в кодировке UTF-8: сохраните файл как «CSV UTF-8».
error-order-import-field-count = В этой строке другое число значений, чем в заголовке.
error-order-import-bad-account-id = Это не идентификатор клиента.
error-order-import-unknown-account = Среди ваших клиентов нет клиента с таким идентификатором.
error-order-import-unreadable = Файл не удалось прочитать начиная с этой строки.
error-order-import-no-file = Выберите файл (он не должен быть пустым).
follow-ups-whose = Чьи
follow-ups-whose-mine = Назначенные мне
follow-ups-whose-team = По клиентам моих команд
follow-up-state-open = Открытые
follow-up-state-done = Выполненные
bucket-overdue = Просрочено
bucket-today = Сегодня
bucket-week = На этой неделе
bucket-later = Позже
follow-up-done = Выполнено
follow-up-undone = Вернуть в работу
follow-up-done-flash = Напоминание выполнено.
follow-up-undone-flash = Напоминание снова в работе.
follow-up-changed = Кто-то уже изменил это напоминание: проверьте его и повторите.
follow-up-created = Напоминание добавлено.
follow-up-saved = Напоминание сохранено.
follow-up-new = Новое напоминание
follow-up-title = Напоминание
follow-up-edit-title = Изменить напоминание
follow-up-raised-by = Кто поставил
follow-up-system-title-hint = Этот заголовок составила система; если изменить и сохранить его, он станет вашим текстом.
follow-up-no-team = У этого клиента пока нет команды
follow-up-about-contact = Касается контакта
follow-up-about-deal = Касается сделки или тендера
follow-up-about-order = Касается заказа
error-assignee-not-on-team = Выберите участника команды этого клиента.
home-overdue = Просрочено: { $count }
home-today = Сегодня: { $count }
home-none-overdue = Просроченных нет.
home-none-today = На сегодня ничего нет.
home-all-overdue = Показать все просроченные ({ $count })
home-all-today = Показать все на сегодня ({ $count })
home-all-follow-ups = Все мои напоминания
field-order-logged = Заказ записан
field-order-ordered-on = Дата заказа
field-order-amount = Сумма заказа
field-order-margin = Маржа заказа
field-order-currency = Валюта заказа
field-order-description = Описание заказа
field-order-status = Статус заказа
field-orders-imported = Загружены заказы
field-follow-up-created = Напоминание добавлено
field-follow-up-done = Напоминание выполнено
field-follow-up-title = Задача напоминания
field-follow-up-due-on = Срок напоминания
field-follow-up-assignee = Исполнитель напоминания
field-follow-up-notes = Заметки к напоминанию

## Likely duplicate accounts (engineer `accounts-dups`)
accounts-new-tax-id-hint = Необязательно: от 5 до 20 цифр (ИНН, номер плательщика НДС …). Второго клиента с тем же ИНН создать нельзя.
error-tax-id-taken = Клиент с таким ИНН уже есть.
dup-warning-title = Возможно, этот клиент уже есть
dup-tax-id-title = Клиент с таким ИНН уже есть
dup-warning-lead = Пока ничего не сохранено. Откройте клиента ниже, если вы имели в виду его.
dup-same-tax-id = тот же ИНН
dup-hidden = { $count ->
    [one] Есть ещё { $count } вероятный дубль, который вам не виден; прежде чем создавать клиента, спросите директора.
    [few] Есть ещё { $count } вероятных дубля, которые вам не видны; прежде чем создавать клиента, спросите директора.
    [many] Есть ещё { $count } вероятных дублей, которые вам не видны; прежде чем создавать клиента, спросите директора.
   *[other] Есть ещё { $count } вероятного дубля, которые вам не видны; прежде чем создавать клиента, спросите директора.
}
dup-create-anyway = Это другой клиент: всё равно создать
dup-confirm-needed = Отметьте флажок, чтобы всё равно создать клиента, или откройте существующего.
status-merged-into = Объединён с клиентом { $name }.
field-tax-id = ИНН
field-merged-into = Объединён с
field-merged-from = Присоединён клиент
field-duplicate-dismissed = Не дубль клиента
duplicates-title = Вероятные дубли
duplicates-link = Вероятные дубли
duplicates-lead = Пары клиентов, чьи названия в любой раскладке пишутся одинаково, если не считать организационно-правовой формы («LiderSemya LLC» и «ООО «ЛидерСемья»»). Оставьте одного клиента и присоедините к нему другого или отклоните пару, если это два разных клиента. ИНН уникален, поэтому у двух клиентов одного ИНН не бывает.
duplicates-count = { $count ->
    [one] { $count } пара
    [few] { $count } пары
    [many] { $count } пар
   *[other] { $count } пары
}
duplicates-none = Вероятных дублей нет.
duplicates-search = Название
duplicates-sort = Порядок
duplicates-sort-name = По названию
duplicates-sort-newest = Сначала новые
duplicates-show = Показать
duplicates-pair = Пара { $n }
duplicates-fact = Сведения
duplicates-first = Первый клиент
duplicates-second = Второй клиент
duplicates-contacts = Контакты
duplicates-orders = Заказы
duplicates-deals = Сделки и тендеры
duplicates-last-order = Последний заказ
duplicates-created = Создан
duplicates-keep = Оставить «{ $name }», присоединить к нему другого
duplicates-dismiss = Это разные клиенты: отклонить
duplicates-merge-explain = При объединении к оставленному клиенту переходят места присутствия, контакты, взаимодействия, сделки и тендеры, конкуренты, заказы, напоминания и специальные предложения, а также прогнозы, планы и бюджеты тех лет, по которым у него их нет, и конкурентная матрица, если её нет. Команда второго клиента входит в команду оставленного (второй владелец — как участник), ИНН переходит, если у оставленного клиента его нет. Второй клиент уходит в архив с пометкой «объединён с …» и сохраняет свою историю.
duplicates-merged = Объединено: второй клиент в архиве, всё остальное теперь у этого клиента.
duplicates-dismissed = Пара отклонена и больше не показывается.
duplicates-stale = Один из двух клиентов изменился после того, как вы открыли список: посмотрите на пару ещё раз.
duplicates-stale-row = { $name }: вы видели версию от { $seen }, сейчас — версия от { $now }.
duplicates-gone = Этой пары больше нет в списке: клиентов объединили, пару отклонили или клиента переименовали.
duplicates-export-first = Первый клиент
duplicates-export-second = Второй клиент
field-legal-name = Полное наименование
duplicates-merge-title = Объединение двух клиентов
duplicates-merge-lead = Оставить «{ $name }» и присоединить к нему другого
duplicates-kept = Остаётся
duplicates-archived = Присоединяется и уходит в архив
duplicates-what-title = Что сделает объединение
duplicates-what = Записи
duplicates-moves = Перейдут к оставленному клиенту
duplicates-stays = Останутся у архивного
duplicates-what-places = Места присутствия
duplicates-what-contacts = Контакты
duplicates-what-interactions = Взаимодействия
duplicates-what-competitors = Конкуренты
duplicates-what-deals = Сделки и тендеры
duplicates-what-orders = Заказы
duplicates-what-follow-ups = Напоминания
duplicates-what-special-offers = Специальные предложения
duplicates-what-forecasts = Прогнозы потенциала (за годы, которых нет у оставленного клиента)
duplicates-what-plans = Планы по клиенту (за годы, которых нет у оставленного клиента)
duplicates-what-budgets = Бюджеты KAM (за годы, которых нет у оставленного клиента)
duplicates-what-grids = Конкурентные матрицы (только если у оставленного клиента их нет)
duplicates-team-joins = { $count ->
    [one] { $count } человек из команды второго клиента входит в команду оставленного.
    [few] { $count } человека из команды второго клиента входят в команду оставленного.
    [many] { $count } человек из команды второго клиента входят в команду оставленного.
   *[other] { $count } человека из команды второго клиента входят в команду оставленного.
}
duplicates-tax-id-moves = ИНН переходит к оставленному клиенту (у него ИНН нет).
duplicates-external-id-moves = Внешний идентификатор переходит к оставленному клиенту (у него его нет).
duplicates-offers-closed = { $count ->
    [one] { $count } открытое предложение взять второго клиента закрывается.
    [few] { $count } открытых предложения взять второго клиента закрываются.
    [many] { $count } открытых предложений взять второго клиента закрываются.
   *[other] { $count } открытого предложения взять второго клиента закрываются.
}
duplicates-stays-note = У второго клиента остаются тексты досье, история, прошлые составы команды и обзоры ключевого списка, в которых он был; он уходит в архив с пометкой «объединён с …».
duplicates-merge-confirm = Присоединить «{ $name }»
## Special offers and the meeting brief (engineer `planning-finish`: src/web/offers.rs, src/web/brief.rs; issue 12)
special-offers-title = Специальные предложения
special-offers-new = Новое специальное предложение
special-offers-edit = Специальное предложение
special-offers-hint = Два-три варианта в каждом предложении, у каждого — ценность для клиента помимо скидки. Предложения из одних растущих скидок приучают клиента ждать следующей.
special-offers-none = Специальных предложений пока нет.
special-offers-variant = Вариант
special-offers-discount-share = Доля скидки в ценности
special-offers-discount-only = только скидка
special-offers-discount-only-variant = только скидка
special-offers-chosen = выбран
special-offers-chosen-by-client = Клиент выбрал этот вариант
special-offers-not-chosen = Вариант пока не выбран
special-offers-no-feedback = отзыв не записан
special-offers-form-hint = Заполните два или три варианта; пустой вариант не учитывается. Суммы в рублях; влияние на маржу отрицательное, если наша маржа снижается.
special-offer-field-title = О чём предложение
special-offer-field-offered-on = Дата предложения
special-offer-field-chosen = Выбранный вариант
special-offer-field-description = Что предлагаем
special-offer-field-value-note = Ценность помимо скидки, словами
special-offer-field-discount = Скидка (ценность для клиента)
special-offer-field-extra-value = Ценность помимо скидки
special-offer-field-cost = Затраты для нас
special-offer-field-margin-effect = Влияние на нашу маржу
special-offer-field-feedback = Отзыв клиента
special-offer-saved = Предложение сохранено.
error-special-offer-variant-count = В предложении два или три варианта.
error-special-offer-choice-feedback = Запишите отзыв клиента о выбранном варианте.
history-section-offers = Специальные предложения
field-special-offer-created = Предложение сделано
field-special-offer-title = Предложение
field-special-offer-offered-on = Дата предложения
field-special-offer-chosen = Выбранный вариант
field-special-offer-variant-1 = Вариант 1
field-special-offer-variant-2 = Вариант 2
field-special-offer-variant-3 = Вариант 3
brief-title = Справка к встрече
brief-subtitle = Подготовлена { $date }
brief-back = К клиенту
brief-pdf = PDF
brief-print-hint = печатается на одном листе A4
brief-status = Ключевой ли клиент и почему
brief-key-yes = Ключевой клиент
brief-key-no = Не ключевой клиент
brief-not-scored = Баллы ещё не рассчитаны.
brief-score = Баллы
brief-rank = место
brief-owner = Ответственный
brief-no-owner = никого: у клиента нет ответственного
brief-team = команда
brief-people = Люди
brief-people-none = Контакты ещё не записаны: до встречи выясните, кто принимает решения.
brief-people-more = { $count ->
    [one] и ещё { $count } человек на вкладке контактов
    [few] и ещё { $count } человека на вкладке контактов
    [many] и ещё { $count } человек на вкладке контактов
   *[other] и ещё { $count } человек на вкладке контактов
}
brief-col-person = Человек
brief-col-attitude = Отношение и его история
brief-deals = Открытые сделки и тендеры
brief-deals-none = Открытых сделок и тендеров нет.
brief-more = { $count ->
    [one] и ещё { $count }
    [few] и ещё { $count }
    [many] и ещё { $count }
   *[other] и ещё { $count }
}
brief-deadline = срок подачи
brief-expected = ожидаемое закрытие
brief-orders = Последние заказы и динамика
brief-orders-none = Заказов пока нет.
brief-trend-up = Заказы растут
brief-trend-flat = Заказы стабильны
brief-trend-down = Заказы падают
brief-trend-unknown = За последние полгода заказов нет
brief-trend-recent = последние три месяца
brief-trend-before = три месяца до них
brief-col-date = Дата
brief-col-order = Заказ
brief-col-amount = Сумма
brief-col-status = Статус
brief-follow-ups = Открытые напоминания
brief-follow-ups-none = Открытых напоминаний нет.
brief-follow-ups-more = Остальные — на вкладке напоминаний.
brief-plan = Цели плана на { $year } год
brief-plan-none = Целей плана на этот год пока нет.
brief-client-goals = Цели клиента
brief-progress = выполнено
brief-plan-overdue = { $count ->
    [one] { $count } мероприятие просрочено
    [few] { $count } мероприятия просрочены
    [many] { $count } мероприятий просрочено
   *[other] { $count } мероприятий просрочено
}
brief-grid = Где конкуренты сильнее нас
brief-grid-none = Конкурентного анализа пока нет.
brief-grid-no-weak = В текущем анализе нет критерия, по которому конкурент нас опережает.
brief-weight = вес
brief-pdf-missing-title = PDF здесь сделать нельзя
brief-pdf-missing-body = На сервере нет Chromium, чтобы напечатать справку (задайте KAMDESK_CHROME или установите Chromium). Сама справка работает: откройте её и распечатайте из браузера.
brief-pdf-missing-back = Открыть справку
keylist-plan = План по клиенту на этот год
plan-check-missing = Плана нет
plan-check-overdue = Просроченные мероприятия
plan-check-budget = С бюджетом KAM
dashboard-planning-title = Планирование по клиентам, { $year }
dashboard-planning-hint = У каждого ключевого клиента должен быть план, согласованный с клиентом, и бюджет усилий. Каждая цифра открывает ключевых клиентов за ней.
dashboard-plans-key = Ключевые клиенты
dashboard-plans-missing = Без плана на этот год
dashboard-plans-overdue = С просроченными мероприятиями плана
dashboard-budgets-title = Бюджеты KAM по ключевым клиентам
dashboard-budgets-none = Бюджетов KAM на этот год пока нет.
dashboard-budget-kam = KAM
dashboard-budget-clients = Клиенты
dashboard-budget-cost = Плановые затраты
dashboard-budget-unowned = Без ответственного
dashboard-budget-company = Компания
merged-open-survivor = Открыть клиента, с которым он объединён

## director-finish (session 4): the timeline's order status moves
timeline-event-order-status = Статус заказа изменён
