<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>ConnectForm</name>
    <message>
        <source>The console is still starting; try again in a moment.</source>
        <translation>ما زالت وحدة التحكم قيد البدء؛ حاول مرة أخرى بعد لحظات.</translation>
    </message>
    <message>
        <source>Another workspace is being opened; try again when it is done.</source>
        <translation>يجري فتح مساحة عمل أخرى؛ حاول مرة أخرى بعد انتهاء فتحها.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>جارٍ الاتصال بـ %1…</translation>
    </message>
    <message>
        <source>Connected to %1. It is now the open workspace.</source>
        <translation>تم الاتصال بـ %1، وهي الآن مساحة العمل المفتوحة.</translation>
    </message>
    <message>
        <source>Enter a name for the workspace.</source>
        <translation>أدخل اسمًا لمساحة العمل.</translation>
    </message>
    <message>
        <source>Use 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.</source>
        <translation>استخدم من 1 إلى 40 حرفًا لاتينيًا أو رقمًا أو نقطة أو شرطة أو شرطة سفلية، على أن يبدأ الاسم بحرف أو رقم.</translation>
    </message>
    <message>
        <source>“local” is the built-in workspace; choose another name.</source>
        <translation>«local» هي مساحة العمل المدمجة؛ اختر اسمًا آخر.</translation>
    </message>
    <message>
        <source>A workspace with this name already exists.</source>
        <translation>توجد مساحة عمل بهذا الاسم بالفعل.</translation>
    </message>
    <message>
        <source>Enter the database URL, like %1.</source>
        <translation>أدخل عنوان قاعدة البيانات، مثل %1.</translation>
    </message>
    <message>
        <source>This is not a database URL; expected %1. (%2)</source>
        <translation>هذا ليس عنوان قاعدة بيانات؛ الصيغة المتوقعة %1. (%2)</translation>
    </message>
    <message>
        <source>Only PostgreSQL can be connected here: %1.</source>
        <translation>لا يمكن الاتصال هنا إلا بـ PostgreSQL: %1.</translation>
    </message>
    <message>
        <source>The URL names no host (the server after “@”).</source>
        <translation>لا يحدد العنوان خادمًا (اسم الخادم بعد «@»).</translation>
    </message>
    <message>
        <source>The URL names no database (the part after the last “/”).</source>
        <translation>لا يحدد العنوان قاعدة بيانات (الجزء الذي يلي آخر «/»).</translation>
    </message>
    <message>
        <source>The URL names no user (the part before “@”).</source>
        <translation>لا يحدد العنوان مستخدمًا (الجزء الذي يسبق «@»).</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535.</source>
        <translation>يجب أن يكون المنفذ رقمًا من 1 إلى 65535.</translation>
    </message>
    <message>
        <source>Enter the tenant this console works for.</source>
        <translation>أدخل المستأجر الذي تعمل له وحدة التحكم هذه.</translation>
    </message>
    <message>
        <source>The tenant must be at most 200 characters, without control characters.</source>
        <translation>يجب ألا يزيد اسم المستأجر على 200 حرف، وألا يحتوي على محارف تحكم.</translation>
    </message>
    <message>
        <source>Connect to PostgreSQL</source>
        <translation>الاتصال بـ PostgreSQL</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>الا&amp;سم:</translation>
    </message>
    <message>
        <source>Workspace name</source>
        <translation>اسم مساحة العمل</translation>
    </message>
    <message>
        <source>e.g. bank</source>
        <translation>مثال: bank</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>ال&amp;عنوان:</translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation>عنوان قاعدة البيانات</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>كلمة ال&amp;مرور:</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>كلمة مرور قاعدة البيانات</translation>
    </message>
    <message>
        <source>Kept in the system keyring</source>
        <translation>تُحفظ في حافظة مفاتيح النظام</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>المستأ&amp;جر:</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>المستأجر</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>ا&amp;تصال</translation>
    </message>
    <message>
        <source>Check the connection, then switch to this workspace</source>
        <translation>التحقق من الاتصال ثم التبديل إلى مساحة العمل هذه</translation>
    </message>
</context>
<context>
    <name>EventDetails</name>
    <message>
        <source>Event &amp;details</source>
        <translation>&amp;تفاصيل الحدث</translation>
    </message>
    <message>
        <source>Event details</source>
        <translation>تفاصيل الحدث</translation>
    </message>
    <message>
        <source>Select an event to see its data and metadata.</source>
        <translation>اختر حدثًا لعرض بياناته وبياناته الوصفية.</translation>
    </message>
</context>
<context>
    <name>EventLogPane</name>
    <message>
        <source>The events could not be loaded. %1</source>
        <translation>تعذّر تحميل الأحداث. %1</translation>
    </message>
    <message>
        <source>Event Log</source>
        <translation>سجل الأحداث</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;بحث:</translation>
    </message>
    <message>
        <source>Type, stream or actor</source>
        <translation>النوع أو التدفق أو الفاعل</translation>
    </message>
    <message>
        <source>Search events</source>
        <translation>البحث في الأحداث</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>ال&amp;نوع:</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>كل الأنواع</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>نوع الحدث</translation>
    </message>
    <message>
        <source>Te&amp;nant:</source>
        <translation>ال&amp;مستأجر:</translation>
    </message>
    <message>
        <source>All tenants</source>
        <translation>كل المستأجرين</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>المستأجر</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>ت&amp;حديث</translation>
    </message>
    <message>
        <source>Load the newest events (F5)</source>
        <translation>تحميل أحدث الأحداث (F5)</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>الأحداث</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>بحث</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <source>Position</source>
        <translation>الموضع</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>التدفق</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>المستأجر</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>الفاعل</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>About WebNova Console</source>
        <translation>حول وحدة تحكم WebNova</translation>
    </message>
    <message>
        <source>WebNova Console designs, generates, deploys and governs platforms on machines and accounts their owner controls.</source>
        <translation>تصمّم وحدة تحكم WebNova المنصات وتولّد شيفرتها وتنشرها وتحكمها، على أجهزة وحسابات يتحكم فيها مالكها.</translation>
    </message>
    <message>
        <source>WebNova Console — %1</source>
        <translation>وحدة تحكم WebNova — %1</translation>
    </message>
    <message>
        <source>WebNova Console</source>
        <translation>وحدة تحكم WebNova</translation>
    </message>
    <message>
        <source>Event Log</source>
        <translation>سجل الأحداث</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>الأقسام</translation>
    </message>
    <message>
        <source>Section content</source>
        <translation>محتوى القسم</translation>
    </message>
    <message>
        <source>&amp;Console</source>
        <translation>&amp;وحدة التحكم</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;مساعدة</translation>
    </message>
    <message>
        <source>&amp;Event Log</source>
        <translation>&amp;سجل الأحداث</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>الإ&amp;عدادات</translation>
    </message>
    <message>
        <source>Go to &amp;Sections</source>
        <translation>الانتقال إلى الأ&amp;قسام</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;تحديث</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;About WebNova Console</source>
        <translation>&amp;حول وحدة تحكم WebNova</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>إغلاق الرسالة</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>خطأ</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>تنبيه</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>WebNova Console</source>
        <translation>وحدة تحكم WebNova</translation>
    </message>
    <message>
        <source>The database refused the sign-in. Check the user name and password.</source>
        <translation>رفضت قاعدة البيانات تسجيل الدخول. تحقّق من اسم المستخدم وكلمة المرور.</translation>
    </message>
    <message>
        <source>The database cannot be reached.</source>
        <translation>تعذّر الوصول إلى قاعدة البيانات.</translation>
    </message>
    <message>
        <source>This database was set up by a newer version of WebNova Console. Update the console to open it.</source>
        <translation>أُعدّت قاعدة البيانات هذه بإصدار أحدث من وحدة تحكم WebNova. حدّث وحدة التحكم لتتمكن من فتحها.</translation>
    </message>
    <message>
        <source>This database needs an upgrade by its owner before it can be opened.</source>
        <translation>تحتاج قاعدة البيانات هذه إلى ترقية يجريها مالكها قبل أن يمكن فتحها.</translation>
    </message>
    <message>
        <source>The database address is not valid.</source>
        <translation>عنوان قاعدة البيانات غير صالح.</translation>
    </message>
    <message>
        <source>The system keyring could not be used.</source>
        <translation>تعذّر استخدام حافظة مفاتيح النظام.</translation>
    </message>
    <message>
        <source>The workspace cannot be opened.</source>
        <translation>لا يمكن فتح مساحة العمل.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>حدث خطأ غير متوقع.</translation>
    </message>
    <message>
        <source>%1 Details: %2</source>
        <translation>%1 التفاصيل: %2</translation>
    </message>
    <message>
        <source>Could not open workspace %1.</source>
        <translation>تعذّر فتح مساحة العمل %1.</translation>
    </message>
    <message>
        <source>Workspace %1 is still open.</source>
        <translation>ما زالت مساحة العمل %1 مفتوحة.</translation>
    </message>
</context>
<context>
    <name>PageBar</name>
    <message>
        <source>%1–%2 of %3</source>
        <translation>%1–%2 من %3</translation>
    </message>
    <message>
        <source>No events match the filter</source>
        <translation>لا توجد أحداث تطابق التصفية</translation>
    </message>
    <message>
        <source>No events yet</source>
        <translation>لا توجد أحداث بعد</translation>
    </message>
    <message>
        <source>First</source>
        <translation>الأولى</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>الصفحة الأولى</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>السابقة</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>الصفحة السابقة</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>التالية</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>الصفحة التالية</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>الأخيرة</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>الصفحة الأخيرة</translation>
    </message>
    <message>
        <source>Loading events</source>
        <translation>جارٍ تحميل الأحداث</translation>
    </message>
    <message>
        <source>Shown events</source>
        <translation>الأحداث المعروضة</translation>
    </message>
    <message>
        <source>New events: show the newest</source>
        <translation>أحداث جديدة: اعرض الأحدث</translation>
    </message>
</context>
<context>
    <name>SettingsPane</name>
    <message>
        <source>%1 (open) — %2, tenant %3</source>
        <translation>%1 (مفتوحة) — %2، المستأجر %3</translation>
    </message>
    <message>
        <source>%1 (opening…) — %2, tenant %3</source>
        <translation>%1 (جارٍ الفتح…) — %2، المستأجر %3</translation>
    </message>
    <message>
        <source>%1 — %2, tenant %3</source>
        <translation>%1 — %2، المستأجر %3</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>جارٍ فتح %1…</translation>
    </message>
    <message>
        <source>Another workspace is being opened; try again when it is done.</source>
        <translation>يجري فتح مساحة عمل أخرى؛ حاول مرة أخرى بعد انتهاء فتحها.</translation>
    </message>
    <message>
        <source>Switch to another workspace before removing %1.</source>
        <translation>بدّل إلى مساحة عمل أخرى قبل إزالة %1.</translation>
    </message>
    <message>
        <source>Remove workspace</source>
        <translation>إزالة مساحة العمل</translation>
    </message>
    <message>
        <source>Remove %1 from this console? Its database is not touched; its saved password is deleted.</source>
        <translation>هل تريد إزالة %1 من وحدة التحكم هذه؟ لن تُمسّ قاعدة بياناتها، وستُحذف كلمة مرورها المحفوظة.</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>أُزيلت %1.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>مساحات العمل</translation>
    </message>
    <message>
        <source>Known workspaces</source>
        <translation>مساحات العمل المعروفة</translation>
    </message>
    <message>
        <source>&amp;Use</source>
        <translation>است&amp;خدام</translation>
    </message>
    <message>
        <source>Open the selected workspace</source>
        <translation>فتح مساحة العمل المحددة</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>إ&amp;زالة</translation>
    </message>
    <message>
        <source>Forget the selected workspace</source>
        <translation>نسيان مساحة العمل المحددة</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>المظهر</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>ال&amp;لغة:</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>ال&amp;سمة:</translation>
    </message>
    <message>
        <source>System</source>
        <translation>حسب النظام</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>فاتحة</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>داكنة</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>السمة</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>The chosen language could not be loaded. %1</source>
        <translation>تعذّر تحميل اللغة المختارة. %1</translation>
    </message>
</context>
<context>
    <name>WorkspaceStatusBar</name>
    <message>
        <source>Workspace: %1</source>
        <translation>مساحة العمل: %1</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>لا توجد مساحة عمل مفتوحة</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>جارٍ البدء…</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>جارٍ الفتح…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>متصلة</translation>
    </message>
    <message>
        <source>Unreachable: %1</source>
        <translation>يتعذّر الوصول إليها: %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>غير متصلة</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>جارٍ فتح %1…</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>مساحة العمل المفتوحة</translation>
    </message>
    <message>
        <source>Workspace location</source>
        <translation>موقع مساحة العمل</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>حالة الاتصال</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>جارٍ العمل</translation>
    </message>
</context>
</TS>