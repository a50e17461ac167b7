<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>BudgetAlerts</name>
    <message>
        <source>Budget warning</source>
        <translation>تحذير الميزانية</translation>
    </message>
    <message>
        <source>Budget %1 (%2): at this pace %3 will be spent, past the budget of %4</source>
        <translation>الميزانية %1 (%2): بهذه الوتيرة سيُنفَق %3، متجاوزًا الميزانية البالغة %4</translation>
    </message>
    <message>
        <source>Budget %1 (%2): %3 percent reached, %4 of %5 spent</source>
        <translation>الميزانية %1 (%2): بلغ الإنفاق %3 بالمئة، أُنفق %4 من %5</translation>
    </message>
</context>
<context>
    <name>ApprovalAlerts</name>
    <message numerus="yes">
        <source>WebNova Console: %Ln approvals pending</source>
        <translation>
            <numerusform>وحدة تحكم WebNova: لا موافقات معلّقة</numerusform>
            <numerusform>وحدة تحكم WebNova: موافقة واحدة معلّقة</numerusform>
            <numerusform>وحدة تحكم WebNova: موافقتان معلّقتان</numerusform>
            <numerusform>وحدة تحكم WebNova: %Ln موافقات معلّقة</numerusform>
            <numerusform>وحدة تحكم WebNova: %Ln موافقةً معلّقة</numerusform>
            <numerusform>وحدة تحكم WebNova: %Ln موافقة معلّقة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Details: %1</source>
        <translation>التفاصيل: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Approval request</source>
        <translation>طلب موافقة</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>الحالة: %1</translation>
    </message>
    <message>
        <source>Your &amp;reason (required):</source>
        <translation>&amp;سببك (مطلوب):</translation>
    </message>
    <message>
        <source>Why you approve or reject this request</source>
        <translation>لماذا توافق على هذا الطلب أو ترفضه</translation>
    </message>
    <message>
        <source>Reason for the decision</source>
        <translation>سبب القرار</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;موافقة</translation>
    </message>
    <message>
        <source>Approve this request, signed with your key</source>
        <translation>الموافقة على هذا الطلب، موقّعةً بمفتاحك</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;سحب الطلب</translation>
    </message>
    <message>
        <source>Withdraw your own request; nothing will be done</source>
        <translation>اسحب طلبك؛ لن يُنفَّذ شيء</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>&amp;رفض</translation>
    </message>
    <message>
        <source>Reject this request, signed with your key</source>
        <translation>رفض هذا الطلب، موقّعًا بمفتاحك</translation>
    </message>
    <message>
        <source>Recording the decision</source>
        <translation>جارٍ تسجيل القرار</translation>
    </message>
</context>
<context>
    <name>ApprovalsModel</name>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>مقدّم الطلب</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>تاريخ الطلب</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>ينتهي</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>الموافقات</translation>
    </message>
</context>
<context>
    <name>ApprovalsPane</name>
    <message>
        <source>The approval requests could not be loaded. %1</source>
        <translation>تعذّر تحميل طلبات الموافقة. %1</translation>
    </message>
    <message>
        <source>You withdrew: %1</source>
        <translation>سحبت: %1</translation>
    </message>    <message>
        <source>You approved: %1</source>
        <translation>وافقت على: %1</translation>
    </message>
    <message>
        <source>You rejected: %1</source>
        <translation>رفضت: %1</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>لا توجد مساحة عمل مفتوحة.</translation>
    </message>
    <message>
        <source>Loading approval requests…</source>
        <translation>جارٍ تحميل طلبات الموافقة…</translation>
    </message>
    <message>
        <source>No request waits for a decision.</source>
        <translation>لا يوجد طلب بانتظار قرار.</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>الموافقات</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;عرض:</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>كل الطلبات</translation>
    </message>
    <message>
        <source>Pending only</source>
        <translation>المعلّقة فقط</translation>
    </message>
    <message>
        <source>Which requests to show</source>
        <translation>الطلبات المعروضة</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;فتح…</translation>
    </message>
    <message>
        <source>Show the selected request to approve or reject it (Enter)</source>
        <translation>عرض الطلب المحدد للموافقة عليه أو رفضه (Enter)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>ت&amp;حديث</translation>
    </message>
    <message>
        <source>Approval requests</source>
        <translation>طلبات الموافقة</translation>
    </message>
    <message>
        <source>No approval requests yet</source>
        <translation>لا توجد طلبات موافقة بعد</translation>
    </message>
    <message>
        <source>Actions the constitution reserves for the owner appear here.</source>
        <translation>تظهر هنا الإجراءات التي يحتفظ بها الدستور لقرار المالك.</translation>
    </message>
</context>
<context>
    <name>Assistant</name>
    <message>
        <source>Claude (model %1)</source>
        <translation>Claude (النموذج %1)</translation>
    </message>
    <message>
        <source>the offline planner</source>
        <translation>المخطِّط دون اتصال</translation>
    </message>
    <message>
        <source>Answered by Claude, model %1</source>
        <translation>أجاب Claude، النموذج %1</translation>
    </message>
    <message>
        <source>Answered by Claude</source>
        <translation>أجاب Claude</translation>
    </message>
    <message>
        <source>Answered by the offline planner (no data left this computer)</source>
        <translation>أجاب المخطِّط دون اتصال (لم تغادر أي بيانات هذا الحاسوب)</translation>
    </message>
    <message>
        <source>Claude is answering…</source>
        <translation>Claude يجيب…</translation>
    </message>
    <message>
        <source>The offline planner is answering…</source>
        <translation>المخطِّط دون اتصال يجيب…</translation>
    </message>
    <message>
        <source>Create a new platform</source>
        <translation>إنشاء منصة جديدة</translation>
    </message>
    <message>
        <source>Change this blueprint</source>
        <translation>تعديل هذا المخطط</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>شرح</translation>
    </message>
    <message>
        <source>A question about cost</source>
        <translation>سؤال عن التكلفة</translation>
    </message>
    <message>
        <source>A question about compliance</source>
        <translation>سؤال عن الامتثال</translation>
    </message>
    <message>
        <source>Deploy (handed to the deployment flow)</source>
        <translation>النشر (أُحيل إلى مسار النشر)</translation>
    </message>
    <message>
        <source>Not understood</source>
        <translation>لم يُفهم الطلب</translation>
    </message>
    <message>
        <source>Proposed a change</source>
        <translation>اقترح تعديلًا</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>أجاب</translation>
    </message>
    <message>
        <source>Handed to the deployment flow</source>
        <translation>أُحيل إلى مسار النشر</translation>
    </message>
    <message>
        <source>No valid proposal; nothing changed</source>
        <translation>لا يوجد مقترح صالح؛ لم يتغير شيء</translation>
    </message>
    <message>
        <source>Refused by the constitution; nothing changed</source>
        <translation>رفضه الدستور؛ لم يتغير شيء</translation>
    </message>
    <message>
        <source>Claude declined the request; nothing changed</source>
        <translation>امتنع Claude عن الطلب؛ لم يتغير شيء</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>الأمان</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>الأداء</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>الامتثال</translation>
    </message>
    <message>
        <source>Best practice</source>
        <translation>أفضل الممارسات</translation>
    </message>
    <message>
        <source>None declared</source>
        <translation>لم يُعلَن أي إطار</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>No Anthropic API key is set, so the offline planner answered.</source>
        <translation>لم يُضبط مفتاح واجهة Anthropic البرمجية، فأجاب المخطِّط دون اتصال.</translation>
    </message>
    <message>
        <source>Turned on the safeguards the compliance checks require.</source>
        <translation>فُعّلت الضمانات التي تشترطها فحوص الامتثال.</translation>
    </message>
    <message>
        <source>Deploying is not done by the assistant: after accepting, start it from the deployment flow, with the approvals the constitution requires.</source>
        <translation>النشر ليس من عمل المساعد: بعد القبول ابدأه من مسار النشر، مع الموافقات التي يشترطها الدستور.</translation>
    </message>
    <message>
        <source>Claude could not be reached, so the offline planner answered. %1</source>
        <translation>تعذّر الوصول إلى Claude، فأجاب المخطِّط دون اتصال. %1</translation>
    </message>
    <message>
        <source>Claude&apos;s review could not be made, so the rule-based review is shown. %1</source>
        <translation>تعذّرت مراجعة Claude، فتُعرض المراجعة المبنية على القواعد. %1</translation>
    </message>
    <message>
        <source>The assistant asked for actions it may not take; they were refused. %1</source>
        <translation>طلب المساعد إجراءات لا يحق له تنفيذها، فرُفضت. %1</translation>
    </message>
</context>
<context>
    <name>AssistantPane</name>
    <message>
        <source>New platform</source>
        <translation>منصة جديدة</translation>
    </message>
    <message>
        <source>Accepting…</source>
        <translation>جارٍ القبول…</translation>
    </message>
    <message>
        <source>Waiting for approval: request %1. The change is written once it is approved; decide it under Approvals.</source>
        <translation>بانتظار الموافقة: الطلب %1. يُكتب التعديل بعد الموافقة عليه؛ قرِّر فيه من قسم الموافقات.</translation>
    </message>
    <message>
        <source>Rejecting…</source>
        <translation>جارٍ الرفض…</translation>
    </message>
    <message>
        <source>Approved (request %1) and accepted: blueprint %2 is now version %3.</source>
        <translation>وُوفق عليه (الطلب %1) وقُبل: المخطط %2 الآن في الإصدار %3.</translation>
    </message>
    <message>
        <source>Accepted: blueprint %1 is now version %2.</source>
        <translation>قُبل: المخطط %1 الآن في الإصدار %2.</translation>
    </message>
    <message>
        <source>Rejected. Nothing changed.</source>
        <translation>رُفض. لم يتغير شيء.</translation>
    </message>
    <message>
        <source>The constitution refuses this: %1. Nothing changed.</source>
        <translation>يرفض الدستور هذا: %1. لم يتغير شيء.</translation>
    </message>
    <message>
        <source>; </source>
        <translation>؛ </translation>
    </message>
    <message>
        <source>denied</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <source>Approval request %1 was %2. Nothing changed.</source>
        <translation>طلب الموافقة %1 %2. لم يتغير شيء.</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>رُفض</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>انتهت مهلته</translation>
    </message>
    <message>
        <source>This proposal was already decided. %1</source>
        <translation>سبق البتّ في هذا المقترح. %1</translation>
    </message>
    <message>
        <source>The decision could not be recorded; nothing changed. %1</source>
        <translation>تعذّر تسجيل القرار؛ لم يتغير شيء. %1</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>المساعد</translation>
    </message>
    <message>
        <source>&amp;Blueprint:</source>
        <translation>ال&amp;مخطط:</translation>
    </message>
    <message>
        <source>Blueprint the assistant works on</source>
        <translation>المخطط الذي يعمل عليه المساعد</translation>
    </message>
    <message>
        <source>O&amp;ffline</source>
        <translation>&amp;دون اتصال</translation>
    </message>
    <message>
        <source>Use the offline planner: nothing leaves this computer</source>
        <translation>استخدم المخطِّط دون اتصال: لا يغادر شيء هذا الحاسوب</translation>
    </message>
    <message>
        <source>C&amp;hat</source>
        <translation>الم&amp;حادثة</translation>
    </message>
    <message>
        <source>Smart s&amp;uggestions</source>
        <translation>اقتراحات &amp;ذكية</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>الإ&amp;عدادات</translation>
    </message>
</context>
<context>
    <name>AssistantSection</name>
    <message>
        <source>Assistant</source>
        <translation>المساعد</translation>
    </message>
    <message>
        <source>Assistant (%1)</source>
        <translation>المساعد (%1)</translation>
    </message>
    <message>
        <source>&amp;Assistant</source>
        <translation>ال&amp;مساعد</translation>
    </message>
</context>
<context>
    <name>AssistantSettingsPanel</name>
    <message>
        <source>The API key is stored in the system keyring.</source>
        <translation>حُفظ مفتاح الواجهة البرمجية في حلقة مفاتيح النظام.</translation>
    </message>
    <message>
        <source>The API key was removed; the offline planner answers from now on.</source>
        <translation>أُزيل مفتاح الواجهة البرمجية؛ يجيب المخطِّط دون اتصال من الآن.</translation>
    </message>
    <message>
        <source>The assistant&apos;s settings were saved.</source>
        <translation>حُفظت إعدادات المساعد.</translation>
    </message>
    <message>
        <source>That did not work. %1</source>
        <translation>لم ينجح ذلك. %1</translation>
    </message>
    <message>
        <source>Checking the system keyring…</source>
        <translation>جارٍ فحص حلقة مفاتيح النظام…</translation>
    </message>
    <message>
        <source>An API key is set. Claude answers; without a network the offline planner does.</source>
        <translation>مفتاح الواجهة البرمجية مضبوط. يجيب Claude، وعند انقطاع الشبكة يجيب المخطِّط دون اتصال.</translation>
    </message>
    <message>
        <source>No API key is set. The offline planner answers; nothing leaves this computer.</source>
        <translation>لم يُضبط مفتاح للواجهة البرمجية. يجيب المخطِّط دون اتصال، ولا يغادر شيء هذا الحاسوب.</translation>
    </message>
    <message>
        <source>Anthropic API key</source>
        <translation>مفتاح واجهة Anthropic البرمجية</translation>
    </message>
    <message>
        <source>New &amp;key:</source>
        <translation>مفتا&amp;ح جديد:</translation>
    </message>
    <message>
        <source>Paste a key to store it; it is never shown</source>
        <translation>الصق مفتاحًا لحفظه؛ لا يُعرض أبدًا</translation>
    </message>
    <message>
        <source>&amp;Store key</source>
        <translation>احف&amp;ظ المفتاح</translation>
    </message>
    <message>
        <source>R&amp;emove key</source>
        <translation>&amp;أزل المفتاح</translation>
    </message>
    <message>
        <source>Claude model</source>
        <translation>نموذج Claude</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>النمو&amp;ذج:</translation>
    </message>
    <message>
        <source>API &amp;address (optional):</source>
        <translation>عن&amp;وان الواجهة البرمجية (اختياري):</translation>
    </message>
    <message>
        <source>Your own gateway in front of the API</source>
        <translation>بوابتك الخاصة أمام الواجهة البرمجية</translation>
    </message>
    <message>
        <source>Sa&amp;ve settings</source>
        <translation>حفظ الإعدادا&amp;ت</translation>
    </message>
    <message>
        <source>Usage this month</source>
        <translation>الاستخدام هذا الشهر</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>تحدي&amp;ث</translation>
    </message>
    <message>
        <source>%1: %2, %3 and %4, %5</source>
        <translation>%1: %2، و%3 و%4، %5</translation>
    </message>
    <message numerus="yes">
        <source>%Ln calls</source>
        <translation>
            <numerusform>لا طلبات</numerusform>
            <numerusform>طلب واحد</numerusform>
            <numerusform>طلبان</numerusform>
            <numerusform>%Ln طلبات</numerusform>
            <numerusform>%Ln طلبًا</numerusform>
            <numerusform>%Ln طلب</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln input tokens</source>
        <translation>
            <numerusform>لا رموز مُدخلة</numerusform>
            <numerusform>رمز مُدخل واحد</numerusform>
            <numerusform>رمزان مُدخلان</numerusform>
            <numerusform>%Ln رموز مُدخلة</numerusform>
            <numerusform>%Ln رمزًا مُدخلًا</numerusform>
            <numerusform>%Ln رمز مُدخل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln output tokens</source>
        <translation>
            <numerusform>لا رموز مُخرجة</numerusform>
            <numerusform>رمز مُخرج واحد</numerusform>
            <numerusform>رمزان مُخرجان</numerusform>
            <numerusform>%Ln رموز مُخرجة</numerusform>
            <numerusform>%Ln رمزًا مُخرجًا</numerusform>
            <numerusform>%Ln رمز مُخرج</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln calls to models without a known price)</source>
        <translation>
            <numerusform>(لا طلبات لنماذج سعرها غير معروف)</numerusform>
            <numerusform>(طلب واحد لنموذج سعره غير معروف)</numerusform>
            <numerusform>(طلبان لنماذج سعرها غير معروف)</numerusform>
            <numerusform>(%Ln طلبات لنماذج سعرها غير معروف)</numerusform>
            <numerusform>(%Ln طلبًا لنماذج سعرها غير معروف)</numerusform>
            <numerusform>(%Ln طلب لنماذج سعرها غير معروف)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AttachmentTabs</name>
    <message>
        <source>Estimated cost: %1 a month</source>
        <translation>التكلفة التقديرية: %1 شهريًا</translation>
    </message>
    <message>
        <source>&amp;Diff</source>
        <translation>ال&amp;فروق</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>ال&amp;خطة</translation>
    </message>
    <message>
        <source>C&amp;ost</source>
        <translation>الت&amp;كلفة</translation>
    </message>
</context>
<context>
    <name>AuditEntryDetail</name>
    <message>
        <source>This entry could not be checked. %1</source>
        <translation>تعذّر التحقق من هذا القيد. %1</translation>
    </message>
    <message>
        <source>Entry details</source>
        <translation>تفاصيل القيد</translation>
    </message>
    <message>
        <source>Entry %1</source>
        <translation>القيد %1</translation>
    </message>
    <message>
        <source>%1 in the chain of tenant %2</source>
        <translation>%1 في سلسلة المستأجر %2</translation>
    </message>
    <message>
        <source>%1 (signed code %2)</source>
        <translation>%1 (الرمز الموقَّع %2)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>غير موقَّع</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>جارٍ التحقق…</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <source>None recorded</source>
        <translation>لم يُسجَّل سبب</translation>
    </message>
    <message>
        <source>The log keeps only the hash of the details, and this workspace holds no record that matches it.</source>
        <translation>لا يحفظ السجل إلا بصمة التفاصيل، ولا تحوي مساحة العمل هذه سجلًا يطابقها.</translation>
    </message>
    <message>
        <source>%1, registered for %2</source>
        <translation>%1، مسجَّل باسم %2</translation>
    </message>
    <message>
        <source>%1, registered for nobody in this workspace</source>
        <translation>%1، غير مسجَّل باسم أحد في مساحة العمل هذه</translation>
    </message>
    <message>
        <source>Does not verify: the log no longer holds this entry</source>
        <translation>لا يتحقق: لم يعد السجل يحوي هذا القيد</translation>
    </message>
    <message>
        <source>✔ Verifies: it holds the hash of the entry before it</source>
        <translation>✔ يتحقق: يحمل بصمة القيد الذي قبله</translation>
    </message>
    <message>
        <source>✔ Verifies: it is the first entry of the chain</source>
        <translation>✔ يتحقق: إنه أول قيد في السلسلة</translation>
    </message>
    <message>
        <source>✖ Does not verify: it does not hold the hash of entry %1</source>
        <translation>✖ لا يتحقق: لا يحمل بصمة القيد %1</translation>
    </message>
    <message>
        <source>✖ Does not verify: entry %1 is missing</source>
        <translation>✖ لا يتحقق: القيد %1 مفقود</translation>
    </message>
    <message>
        <source>Not signed (only the owners&apos; decisions are)</source>
        <translation>غير موقَّع (لا تُوقَّع إلا قرارات المالكين)</translation>
    </message>
    <message>
        <source>✔ Verifies with the key of %1</source>
        <translation>✔ يتحقق بمفتاح %1</translation>
    </message>
    <message>
        <source>✖ Does not verify: the signature does not match the signed fields</source>
        <translation>✖ لا يتحقق: التوقيع لا يطابق الحقول الموقَّعة</translation>
    </message>
    <message>
        <source>✖ Does not verify: this console does not hold or trust the key</source>
        <translation>✖ لا يتحقق: هذه الوحدة لا تحوز المفتاح أو لا تثق به</translation>
    </message>
    <message>
        <source>✖ Does not verify: the key was not %1&apos;s to sign with at that time</source>
        <translation>✖ لا يتحقق: لم يكن المفتاح مفتاحَ %1 للتوقيع في ذلك الوقت</translation>
    </message>
    <message>
        <source>✔ Verifies: its content matches its hash</source>
        <translation>✔ يتحقق: محتواه يطابق بصمته</translation>
    </message>
    <message>
        <source>✖ Does not verify: its content does not match its hash (edited)</source>
        <translation>✖ لا يتحقق: محتواه لا يطابق بصمته (عُدِّل)</translation>
    </message>
    <message>
        <source>Entry:</source>
        <translation>القيد:</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>الوقت:</translation>
    </message>
    <message>
        <source>Actor:</source>
        <translation>الفاعل:</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>الإجراء:</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>النتيجة:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>الموضوع:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>السبب:</translation>
    </message>
    <message>
        <source>Entry hash:</source>
        <translation>بصمة القيد:</translation>
    </message>
    <message>
        <source>Previous hash:</source>
        <translation>البصمة السابقة:</translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation>التوقيع:</translation>
    </message>
    <message>
        <source>Signing key:</source>
        <translation>مفتاح التوقيع:</translation>
    </message>
    <message>
        <source>Content:</source>
        <translation>المحتوى:</translation>
    </message>
    <message>
        <source>Chain link:</source>
        <translation>الارتباط بالسلسلة:</translation>
    </message>
    <message>
        <source>Signature check:</source>
        <translation>التحقق من التوقيع:</translation>
    </message>
    <message>
        <source>Details hash:</source>
        <translation>بصمة التفاصيل:</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>التفاصيل:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>نسخ %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Close the entry details (Esc)</source>
        <translation>إغلاق تفاصيل القيد (Esc)</translation>
    </message>
    <message>
        <source>Audit entry details</source>
        <translation>تفاصيل قيد التدقيق</translation>
    </message>
</context>
<context>
    <name>AuditPane</name>
    <message>
        <source>The audit log could not be read. %1</source>
        <translation>تعذّرت قراءة سجل التدقيق. %1</translation>
    </message>
    <message>
        <source>%1–%2 of %3</source>
        <translation>%1–%2 من %3</translation>
    </message>
    <message>
        <source>No entries match the filter</source>
        <translation>لا توجد قيود تطابق عامل التصفية</translation>
    </message>
    <message>
        <source>No entries yet</source>
        <translation>لا توجد قيود بعد</translation>
    </message>
    <message>
        <source>Reading the audit log needs the permission %1, which your role does not give.</source>
        <translation>قراءة سجل التدقيق تحتاج إلى الصلاحية %1، ودورك لا يمنحها.</translation>
    </message>
    <message>
        <source>Audit Log</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>Ac&amp;tor:</source>
        <translation>ال&amp;فاعل:</translation>
    </message>
    <message>
        <source>All actors</source>
        <translation>كل الفاعلين</translation>
    </message>
    <message>
        <source>Actio&amp;n:</source>
        <translation>الإجر&amp;اء:</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>كل الإجراءات</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>ال&amp;نتيجة:</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>كل النتائج</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>الفاعل</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Su&amp;bject:</source>
        <translation>المو&amp;ضوع:</translation>
    </message>
    <message>
        <source>Part of the subject</source>
        <translation>جزء من الموضوع</translation>
    </message>
    <message>
        <source>Subject contains</source>
        <translation>الموضوع يحتوي على</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>ت&amp;حديث</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>الأحدث</translation>
    </message>
    <message>
        <source>Newer entries (Ctrl+PgUp)</source>
        <translation>قيود أحدث (Ctrl+PgUp)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>الأقدم</translation>
    </message>
    <message>
        <source>Older entries (Ctrl+PgDown)</source>
        <translation>قيود أقدم (Ctrl+PgDown)</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>ال&amp;تحقق من السلسلة</translation>
    </message>
    <message>
        <source>Recompute every hash and signature of the audit log and name the first entry that does not match</source>
        <translation>إعادة حساب كل بصمة وتوقيع في سجل التدقيق وتسمية أول قيد لا يطابق</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>قيود التدقيق</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Entry</source>
        <translation>القيد</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>الفاعل</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>الموضوع</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>موقّع</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>&amp;Open Approvals</source>
        <translation>افتح &amp;الموافقات</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>ا&amp;ستعد</translation>
    </message>
    <message>
        <source>Bac&amp;k up now</source>
        <translation>&amp;خذ نسخة احتياطية الآن</translation>
    </message>
    <message>
        <source>Backing up the database of %1…</source>
        <translation>يجري أخذ نسخة احتياطية من قاعدة بيانات %1…</translation>
    </message>
    <message>
        <source>Backup %1 is restored on %2: everything written after it is gone.</source>
        <translation>استُعيدت النسخة الاحتياطية %1 على %2: ضاع كل ما كُتب بعدها.</translation>
    </message>
    <message>
        <source>Backup %1 of %2 is taken: %3 tables, %4 rows.</source>
        <translation>أُخذت النسخة الاحتياطية %1 من %2: عدد الجداول %3، وعدد الصفوف %4.</translation>
    </message>
    <message>
        <source>Dr&amp;ill</source>
        <translation>&amp;تمرين</translation>
    </message>
    <message>
        <source>Dump the environment&apos;s database now, kept on its database server</source>
        <translation>خذ نسخة من قاعدة بيانات البيئة الآن، تُحفظ على خادم قاعدة بياناتها</translation>
    </message>
    <message>
        <source>No backup was taken: %1</source>
        <translation>لم تُؤخذ أي نسخة احتياطية: %1</translation>
    </message>
    <message>
        <source>Nothing was restored: %1</source>
        <translation>لم يُستعد شيء: %1</translation>
    </message>
    <message>
        <source>Reach servers at (in the Releases tab) has a mistake: correct it to read the backups.</source>
        <translation>في «الوصول إلى الخوادم عبر» (في تبويب الإصدارات) خطأ: صحّحه لتُقرأ النسخ الاحتياطية.</translation>
    </message>
    <message>
        <source>Reading the backups of %1 on its database server…</source>
        <translation>تجري قراءة النسخ الاحتياطية لـ %1 على خادم قاعدة بياناتها…</translation>
    </message>
    <message>
        <source>Rehearsing a restore of backup %1 in a scratch database…</source>
        <translation>يجري تمرين استعادة النسخة الاحتياطية %1 في قاعدة بيانات مؤقتة…</translation>
    </message>
    <message>
        <source>Rehearsing a restore of the newest backup in a scratch database…</source>
        <translation>يجري تمرين استعادة أحدث نسخة احتياطية في قاعدة بيانات مؤقتة…</translation>
    </message>
    <message>
        <source>Replace the environment&apos;s database with the chosen backup: everything written after it is lost; production waits for the owner&apos;s approval first</source>
        <translation>استبدل قاعدة بيانات البيئة بالنسخة الاحتياطية المختارة: يضيع كل ما كُتب بعدها؛ وتنتظر بيئة الإنتاج موافقة المالك أولًا</translation>
    </message>
    <message>
        <source>Request %1 expired before the owner decided: nothing was restored.</source>
        <translation>انتهت مهلة الطلب %1 قبل أن يقرر المالك: لم يُستعد شيء.</translation>
    </message>
    <message>
        <source>Request %1 was withdrawn: nothing was restored.</source>
        <translation>سُحب الطلب %1: لم يُستعد شيء.</translation>
    </message>
    <message>
        <source>Res&amp;tore…</source>
        <translation>ا&amp;ستعد…</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>استعادة نسخة احتياطية</translation>
    </message>
    <message>
        <source>Restore approved &amp;backup</source>
        <translation>استعد النسخة الاحتياطية ال&amp;موافق عليها</translation>
    </message>
    <message>
        <source>Restore the chosen backup (none chosen: the newest) into a scratch database and compare each table&apos;s rows; the environment&apos;s database is not touched</source>
        <translation>استعد النسخة الاحتياطية المختارة (أو أحدثها إن لم تُختر واحدة) في قاعدة بيانات مؤقتة وقارن صفوف كل جدول؛ لا تُمسّ قاعدة بيانات البيئة</translation>
    </message>
    <message>
        <source>Restoring backup %1 on %2…</source>
        <translation>تجري استعادة النسخة الاحتياطية %1 على %2…</translation>
    </message>
    <message>
        <source>Show the request in the Approvals pane</source>
        <translation>اعرض الطلب في لوحة الموافقات</translation>
    </message>
    <message>
        <source>The backups could not be read: %1</source>
        <translation>تعذّرت قراءة النسخ الاحتياطية: %1</translation>
    </message>
    <message>
        <source>The database server was not reached (%1). These are the backups this console recorded: whether each file is still there is unknown, and the daily ones are not listed. Name the servers&apos; addresses in Reach servers at, in the Releases tab.</source>
        <translation>تعذّر الوصول إلى خادم قاعدة البيانات (%1). هذه هي النسخ الاحتياطية التي سجّلتها وحدة التحكم هذه: لا يُعرف إن كان كل ملف ما زال موجودًا، ولا تظهر النسخ اليومية. اذكر عناوين الخوادم في «الوصول إلى الخوادم عبر» في تبويب الإصدارات.</translation>
    </message>
    <message>
        <source>The drill failed: %1</source>
        <translation>فشل التمرين: %1</translation>
    </message>
    <message>
        <source>The owner approved request %1: Restore approved backup restores it.</source>
        <translation>وافق المالك على الطلب %1: «استعد النسخة الاحتياطية الموافق عليها» يستعيدها.</translation>
    </message>
    <message>
        <source>The owner rejected request %1: nothing was restored.</source>
        <translation>رفض المالك الطلب %1: لم يُستعد شيء.</translation>
    </message>
    <message>
        <source>The restore of backup %1 on %2 failed: %3</source>
        <translation>فشلت استعادة النسخة الاحتياطية %1 على %2: %3</translation>
    </message>
    <message>
        <source>Waiting for the owner&apos;s approval (request %1).</source>
        <translation>في انتظار موافقة المالك (الطلب %1).</translation>
    </message>
    <message>
        <source>Where the constitution asks for it (production), the owner approves first; nothing is changed before.</source>
        <translation>حيث يطلب الدستور ذلك (بيئة الإنتاج) يوافق المالك أولًا؛ ولا يتغيّر شيء قبل ذلك.</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>%1 MiB</source>
        <translation>%1 ميبيبايت</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 كيبيبايت</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 بايت</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>النسخة الاحتياطية</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <source>Database backups of the environment</source>
        <translation>النسخ الاحتياطية لقاعدة بيانات البيئة</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 على %2</translation>
    </message>
    <message>
        <source>Backup %1, taken %2, %3, %4, %5</source>
        <translation>النسخة الاحتياطية %1، أُخذت %2، %3، %4، %5</translation>
    </message>
    <message>
        <source>Backup state</source>
        <translation>حالة النسخ الاحتياطي</translation>
    </message>
    <message>
        <source>Before a deploy</source>
        <translation>قبل نشر</translation>
    </message>
    <message>
        <source>Before a rollback</source>
        <translation>قبل إرجاع</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>يومية</translation>
    </message>
    <message>
        <source>Drill failed %1</source>
        <translation>فشل التمرين %1</translation>
    </message>
    <message>
        <source>Drill found a mismatch %1</source>
        <translation>وجد التمرين اختلافًا %1</translation>
    </message>
    <message>
        <source>Drill matched %1</source>
        <translation>تطابق التمرين %1</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Last restore or drill</source>
        <translation>آخر استعادة أو تمرين</translation>
    </message>
    <message>
        <source>MISSING on the server</source>
        <translation>مفقودة من الخادم</translation>
    </message>
    <message>
        <source>No backup of this environment&apos;s database yet: each release deploy takes one before it migrates, and Back up now takes one at once.</source>
        <translation>لا نسخة احتياطية لقاعدة بيانات هذه البيئة بعد: كل نشر لإصدار يأخذ نسخة قبل أن يُرحّل قاعدة البيانات، و«خذ نسخة احتياطية الآن» يأخذ واحدة فورًا.</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>على الخادم</translation>
    </message>
    <message>
        <source>On the server only</source>
        <translation>على الخادم فقط</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>مسجّلة</translation>
    </message>
    <message>
        <source>Recorded, not checked</source>
        <translation>مسجّلة، لم تُفحص</translation>
    </message>
    <message>
        <source>Restore failed %1</source>
        <translation>فشلت الاستعادة %1</translation>
    </message>
    <message>
        <source>Restore interrupted %1</source>
        <translation>انقطعت الاستعادة %1</translation>
    </message>
    <message>
        <source>Restore under way since %1</source>
        <translation>الاستعادة جارية منذ %1</translation>
    </message>
    <message>
        <source>Restored %1</source>
        <translation>استُعيدت %1</translation>
    </message>
    <message>
        <source>Steps of the backup work</source>
        <translation>خطوات عمل النسخ الاحتياطي</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>أُخذت</translation>
    </message>
    <message>
        <source>Taken by hand</source>
        <translation>يدوية</translation>
    </message>
    <message>
        <source>Before deploying release %1</source>
        <translation>قبل نشر الإصدار %1</translation>
    </message>
    <message>
        <source>Before the rollback to release %1</source>
        <translation>قبل الإرجاع إلى الإصدار %1</translation>
    </message>
</context>
<context>
    <name>BlueprintAttributes</name>
    <message>
        <source>Data subjects&apos; own role</source>
        <translation>دور أصحاب البيانات أنفسهم</translation>
    </message>
    <message>
        <source>Recorded transfer bases</source>
        <translation>أسس النقل المسجّلة</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>المالك</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>المستأجر</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>القطاع</translation>
    </message>
    <message>
        <source>Tenancy</source>
        <translation>نموذج تعدد المستأجرين</translation>
    </message>
    <message>
        <source>Frameworks</source>
        <translation>الأطر التنظيمية</translation>
    </message>
    <message>
        <source>Data residency</source>
        <translation>مواقع حفظ البيانات</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>اللغات</translation>
    </message>
    <message>
        <source>Default language</source>
        <translation>اللغة الافتراضية</translation>
    </message>
    <message>
        <source>Default direction</source>
        <translation>الاتجاه الافتراضي</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Plural label</source>
        <translation>تسمية الجمع</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>Encrypted at rest</source>
        <translation>مشفّر عند التخزين</translation>
    </message>
    <message>
        <source>Retention (days)</source>
        <translation>مدة الاحتفاظ (بالأيام)</translation>
    </message>
    <message>
        <source>Erasure</source>
        <translation>المحو</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>إلزامي</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>فريد</translation>
    </message>
    <message>
        <source>Indexed</source>
        <translation>مفهرس</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>التصنيف</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>طريقة التخزين</translation>
    </message>
    <message>
        <source>Minimum length</source>
        <translation>أقل طول</translation>
    </message>
    <message>
        <source>Maximum length</source>
        <translation>أقصى طول</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>النمط</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>الحد الأدنى</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>الحد الأقصى</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>عدد الأرقام</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>المنازل العشرية</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>العملة</translation>
    </message>
    <message>
        <source>Allowed values</source>
        <translation>القيم المسموحة</translation>
    </message>
    <message>
        <source>Refers to</source>
        <translation>يشير إلى</translation>
    </message>
    <message>
        <source>On delete</source>
        <translation>عند الحذف</translation>
    </message>
    <message>
        <source>Maximum size (MB)</source>
        <translation>أقصى حجم (ميغابايت)</translation>
    </message>
    <message>
        <source>Allowed media types</source>
        <translation>أنواع الملفات المسموحة</translation>
    </message>
    <message>
        <source>Default value</source>
        <translation>القيمة الافتراضية</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Target entity</source>
        <translation>الكيان المرتبط</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>الصلاحيات</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>الكيان</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>المسار</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>الأدوار</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>السعر</translation>
    </message>
    <message>
        <source>Billing interval</source>
        <translation>دورة الفوترة</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>الحدود</translation>
    </message>
    <message>
        <source>Records per entity</source>
        <translation>حد السجلات لكل كيان</translation>
    </message>
    <message>
        <source>Trial (days)</source>
        <translation>الفترة التجريبية (بالأيام)</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>المزايا</translation>
    </message>
    <message>
        <source>Grace period (days)</source>
        <translation>مهلة السداد (بالأيام)</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>الفئة</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>المزوّد</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>الغرض</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>الدولة</translation>
    </message>
    <message>
        <source>Server size</source>
        <translation>حجم الخادم</translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation>عدد النسخ</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>النسخ الاحتياطي</translation>
    </message>
    <message>
        <source>Backup retention (days)</source>
        <translation>مدة الاحتفاظ بالنسخ الاحتياطية (بالأيام)</translation>
    </message>
    <message>
        <source>Encryption at rest</source>
        <translation>التشفير عند التخزين</translation>
    </message>
    <message>
        <source>Web domain</source>
        <translation>نطاق الويب</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>البيئة</translation>
    </message>
    <message>
        <source>Service provider</source>
        <translation>مزوّد الخدمة</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>الاسم المعروض</translation>
    </message>
</context>
<context>
    <name>BlueprintEditor</name>
    <message>
        <source>Version %1 of this blueprint was saved elsewhere while you were editing version %2. Your changes are still here and in the draft.</source>
        <translation>حُفظ الإصدار %1 من هذا المخطط في مكان آخر بينما كنت تحرّر الإصدار %2. تغييراتك ما زالت هنا وفي المسودة.</translation>
    </message>
    <message>
        <source>Unsaved changes from %1 were kept as a draft (started from version %2). Restore them?</source>
        <translation>حُفظت تغييرات غير محفوظة من %1 في مسودة (بدأت من الإصدار %2). هل تريد استعادتها؟</translation>
    </message>
    <message>
        <source>&amp;Restore draft</source>
        <translation>ا&amp;ستعادة المسودة</translation>
    </message>
    <message>
        <source>&amp;Discard draft</source>
        <translation>&amp;تجاهل المسودة</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>تغييرات غير محفوظة</translation>
    </message>
    <message>
        <source>Blueprint %1 has changes that are not saved yet.</source>
        <translation>في المخطط %1 تغييرات لم تُحفظ بعد.</translation>
    </message>
    <message>
        <source>Save them as a new version before leaving?</source>
        <translation>هل تريد حفظها إصدارًا جديدًا قبل المغادرة؟</translation>
    </message>
    <message>
        <source>The raw text cannot be read. Fix it (see the problems list) before saving.</source>
        <translation>تعذّرت قراءة النص الخام. صحّحه (انظر قائمة المشكلات) قبل الحفظ.</translation>
    </message>
    <message>
        <source>Saved as version %1.</source>
        <translation>حُفظ بوصفه الإصدار %1.</translation>
    </message>
    <message>
        <source>Nothing to save: the newest version already has this content.</source>
        <translation>لا شيء للحفظ: أحدث إصدار يحوي هذا المحتوى نفسه.</translation>
    </message>
    <message>
        <source>Not saved: someone saved version %1 of this blueprint while you were editing version %2. Your changes are still here and in the draft.</source>
        <translation>لم يُحفظ: حفظ شخص آخر الإصدار %1 من هذا المخطط بينما كنت تحرّر الإصدار %2. تغييراتك ما زالت هنا وفي المسودة.</translation>
    </message>
    <message>
        <source>&amp;Load the newest version</source>
        <translation>&amp;تحميل أحدث إصدار</translation>
    </message>
    <message>
        <source>Save &amp;mine as the newest</source>
        <translation>حفظ &amp;نسختي إصدارًا أحدث</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;متابعة التحرير</translation>
    </message>
    <message>
        <source>Revert blueprint</source>
        <translation>استرجاع المخطط</translation>
    </message>
    <message>
        <source>Save the content of version %1 as the newest version of %2?</source>
        <translation>هل تريد حفظ محتوى الإصدار %1 بوصفه أحدث إصدار من %2؟</translation>
    </message>
    <message>
        <source>Every version stays in the history.</source>
        <translation>تبقى جميع الإصدارات في السجل.</translation>
    </message>
    <message>
        <source>Your unsaved changes will be replaced; Undo brings them back.</source>
        <translation>ستُستبدل تغييراتك غير المحفوظة، ويعيدها أمر التراجع.</translation>
    </message>
    <message>
        <source>Version %1 now holds the content of version %2.</source>
        <translation>أصبح الإصدار %1 يحوي محتوى الإصدار %2.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>جارٍ الحفظ…</translation>
    </message>
    <message>
        <source>Version %1 · unsaved changes</source>
        <translation>الإصدار %1 · تغييرات غير محفوظة</translation>
    </message>
    <message>
        <source>Version %1 · saved</source>
        <translation>الإصدار %1 · محفوظ</translation>
    </message>
    <message>
        <source>Blueprints</source>
        <translation>المخططات</translation>
    </message>
    <message>
        <source>Back to the list of blueprints (Alt+Left)</source>
        <translation>العودة إلى قائمة المخططات (Alt+Left)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Undo the last change (Ctrl+Z)</source>
        <translation>التراجع عن آخر تغيير (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>Redo the change undone last (Ctrl+Shift+Z)</source>
        <translation>إعادة آخر تغيير تراجعت عنه (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Save as a new version (Ctrl+S)</source>
        <translation>الحفظ بوصفه إصدارًا جديدًا (Ctrl+S)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>تصدير…</translation>
    </message>
    <message>
        <source>Write the saved version to a YAML or JSON file</source>
        <translation>كتابة الإصدار المحفوظ في ملف YAML أو JSON</translation>
    </message>
    <message>
        <source>&amp;Editor</source>
        <translation>ال&amp;محرر</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>ال&amp;سجل</translation>
    </message>
    <message>
        <source>C&amp;ompare versions</source>
        <translation>م&amp;قارنة الإصدارات</translation>
    </message>
    <message>
        <source>Blueprint views</source>
        <translation>طرق عرض المخطط</translation>
    </message>
    <message numerus="yes">
        <source>Not saved: the blueprint has %Ln errors. They are listed below; choose one to go to its place.</source>
        <translation>
            <numerusform>لم يُحفظ: في المخطط أخطاء، وهي مدرجة أدناه؛ اختر أحدها للانتقال إلى موضعه.</numerusform>
            <numerusform>لم يُحفظ: في المخطط خطأ واحد، وهو مدرج أدناه؛ اختره للانتقال إلى موضعه.</numerusform>
            <numerusform>لم يُحفظ: في المخطط خطآن، وهما مدرجان أدناه؛ اختر أحدهما للانتقال إلى موضعه.</numerusform>
            <numerusform>لم يُحفظ: في المخطط %Ln أخطاء، وهي مدرجة أدناه؛ اختر أحدها للانتقال إلى موضعه.</numerusform>
            <numerusform>لم يُحفظ: في المخطط %Ln خطأً، وهي مدرجة أدناه؛ اختر أحدها للانتقال إلى موضعه.</numerusform>
            <numerusform>لم يُحفظ: في المخطط %Ln خطأ، وهي مدرجة أدناه؛ اختر أحدها للانتقال إلى موضعه.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BlueprintListModel</name>
    <message>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>القطاع</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>آخر تحديث</translation>
    </message>
    <message>
        <source>By</source>
        <translation>بواسطة</translation>
    </message>
</context>
<context>
    <name>BlueprintSections</name>
    <message>
        <source>Identity</source>
        <translation>الهوية</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>الامتثال</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>الأدوار</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>الصفحات</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>الباقات</translation>
    </message>
    <message>
        <source>Integrations</source>
        <translation>التكاملات</translation>
    </message>
    <message>
        <source>Environments</source>
        <translation>البيئات</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>اللغات</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>كيان</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>حقل</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>علاقة</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>دور</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>صفحة</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>باقة</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>تكامل</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>بيئة</translation>
    </message>
    <message>
        <source>Blueprint settings</source>
        <translation>إعدادات المخطط</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>الحقول</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>العلاقات</translation>
    </message>
</context>
<context>
    <name>BlueprintValues</name>
    <message>
        <source>Special-category personal data</source>
        <translation>بيانات شخصية من الفئات الخاصة</translation>
    </message>
    <message>
        <source>Financial services</source>
        <translation>الخدمات المالية</translation>
    </message>
    <message>
        <source>Healthcare</source>
        <translation>الرعاية الصحية</translation>
    </message>
    <message>
        <source>Government</source>
        <translation>الجهات الحكومية</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>التعليم</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>المؤسسات</translation>
    </message>
    <message>
        <source>PCI DSS (payment cards)</source>
        <translation>PCI DSS (بطاقات الدفع)</translation>
    </message>
    <message>
        <source>HIPAA (US health data)</source>
        <translation>HIPAA (البيانات الصحية في الولايات المتحدة)</translation>
    </message>
    <message>
        <source>GDPR (EU personal data)</source>
        <translation>GDPR (البيانات الشخصية في الاتحاد الأوروبي)</translation>
    </message>
    <message>
        <source>PDPL (Saudi personal data)</source>
        <translation>نظام حماية البيانات الشخصية السعودي (PDPL)</translation>
    </message>
    <message>
        <source>Single tenant</source>
        <translation>مستأجر واحد</translation>
    </message>
    <message>
        <source>Shared schema, row-level security</source>
        <translation>مخطط مشترك مع أمان على مستوى الصفوف</translation>
    </message>
    <message>
        <source>Schema per tenant</source>
        <translation>مخطط لكل مستأجر</translation>
    </message>
    <message>
        <source>Database per tenant</source>
        <translation>قاعدة بيانات لكل مستأجر</translation>
    </message>
    <message>
        <source>Short text</source>
        <translation>نص قصير</translation>
    </message>
    <message>
        <source>Long text</source>
        <translation>نص طويل</translation>
    </message>
    <message>
        <source>Whole number</source>
        <translation>عدد صحيح</translation>
    </message>
    <message>
        <source>Decimal number</source>
        <translation>عدد عشري</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>مبلغ مالي</translation>
    </message>
    <message>
        <source>Yes or no</source>
        <translation>نعم أو لا</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاريخ</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>تاريخ ووقت</translation>
    </message>
    <message>
        <source>One of a list</source>
        <translation>قيمة من قائمة</translation>
    </message>
    <message>
        <source>Reference to an entity</source>
        <translation>إشارة إلى كيان</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ملف</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>عام</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>داخلي</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>بيانات شخصية</translation>
    </message>
    <message>
        <source>Sensitive health data</source>
        <translation>بيانات صحية حساسة</translation>
    </message>
    <message>
        <source>Payment card data</source>
        <translation>بيانات بطاقات الدفع</translation>
    </message>
    <message>
        <source>Plain</source>
        <translation>نص عادي</translation>
    </message>
    <message>
        <source>Encrypted with the owner&apos;s key</source>
        <translation>مشفّر بمفتاح المالك</translation>
    </message>
    <message>
        <source>Payment provider token only</source>
        <translation>رمز مزوّد الدفع فقط</translation>
    </message>
    <message>
        <source>Hashed</source>
        <translation>مُجزّأ (Hash)</translation>
    </message>
    <message>
        <source>Refuse while referenced</source>
        <translation>الرفض ما دام مُشارًا إليه</translation>
    </message>
    <message>
        <source>Delete the referring records</source>
        <translation>حذف السجلات المشيرة إليه</translation>
    </message>
    <message>
        <source>Clear the reference</source>
        <translation>إفراغ الإشارة</translation>
    </message>
    <message>
        <source>No erasure</source>
        <translation>بلا محو</translation>
    </message>
    <message>
        <source>Delete on request</source>
        <translation>الحذف عند الطلب</translation>
    </message>
    <message>
        <source>Anonymise on request</source>
        <translation>إخفاء الهوية عند الطلب</translation>
    </message>
    <message>
        <source>One to many</source>
        <translation>واحد إلى متعدد</translation>
    </message>
    <message>
        <source>Many to many</source>
        <translation>متعدد إلى متعدد</translation>
    </message>
    <message>
        <source>List page</source>
        <translation>صفحة قائمة</translation>
    </message>
    <message>
        <source>Detail page</source>
        <translation>صفحة تفاصيل</translation>
    </message>
    <message>
        <source>Form page</source>
        <translation>صفحة نموذج</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>لوحة معلومات</translation>
    </message>
    <message>
        <source>Content page</source>
        <translation>صفحة محتوى</translation>
    </message>
    <message>
        <source>List</source>
        <translation>عرض القائمة</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>قراءة</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>إنشاء</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>تعديل</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>اعتماد</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>شهري</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>سنوي</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>المدفوعات</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>البريد الإلكتروني</translation>
    </message>
    <message>
        <source>Text messages (SMS)</source>
        <translation>الرسائل النصية (SMS)</translation>
    </message>
    <message>
        <source>File storage</source>
        <translation>تخزين الملفات</translation>
    </message>
    <message>
        <source>Identity and sign-in</source>
        <translation>الهوية وتسجيل الدخول</translation>
    </message>
    <message>
        <source>Maps</source>
        <translation>الخرائط</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>التحليلات</translation>
    </message>
    <message>
        <source>AI assistance</source>
        <translation>المساعدة بالذكاء الاصطناعي</translation>
    </message>
    <message>
        <source>Health records exchange</source>
        <translation>تبادل السجلات الصحية</translation>
    </message>
    <message>
        <source>Hetzner Cloud</source>
        <translation>سحابة Hetzner</translation>
    </message>
    <message>
        <source>Owner&apos;s own data centre</source>
        <translation>مركز بيانات المالك</translation>
    </message>
    <message>
        <source>Development</source>
        <translation>التطوير</translation>
    </message>
    <message>
        <source>Staging</source>
        <translation>ما قبل الإنتاج</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>الإنتاج</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>العربية</translation>
    </message>
    <message>
        <source>English</source>
        <translation>الإنجليزية</translation>
    </message>
    <message>
        <source>Right to left</source>
        <translation>من اليمين إلى اليسار</translation>
    </message>
    <message>
        <source>Left to right</source>
        <translation>من اليسار إلى اليمين</translation>
    </message>
</context>
<context>
    <name>BlueprintsPane</name>
    <message>
        <source>YAML files (*.yaml *.yml)</source>
        <translation>ملفات YAML ‏(*.yaml *.yml)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>ملفات JSON ‏(*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>جميع الملفات (*)</translation>
    </message>
    <message>
        <source>Import a blueprint</source>
        <translation>استيراد مخطط</translation>
    </message>
    <message>
        <source>Imported %1 as version %2 of %3.</source>
        <translation>استُورد %1 بوصفه الإصدار %2 من %3.</translation>
    </message>
    <message>
        <source>%1 was not imported: it is not a valid blueprint.</source>
        <translation>لم يُستورد %1: ليس مخططًا صالحًا.</translation>
    </message>
    <message>
        <source>…and %1 more.</source>
        <translation>…و%1 غيرها.</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>تصدير %1</translation>
    </message>
    <message>
        <source>Exported %1 to %2.</source>
        <translation>صُدّر %1 إلى %2.</translation>
    </message>
    <message>
        <source>Blueprints</source>
        <translation>المخططات</translation>
    </message>
    <message>
        <source>&amp;New from template…</source>
        <translation>جدي&amp;د من قالب…</translation>
    </message>
    <message>
        <source>Start a blueprint from a domain template (Ctrl+N)</source>
        <translation>بدء مخطط من قالب قطاع (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>ا&amp;ستيراد…</translation>
    </message>
    <message>
        <source>Read a YAML or JSON file (Ctrl+O)</source>
        <translation>قراءة ملف YAML أو JSON ‏(Ctrl+O)</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>&amp;تصدير…</translation>
    </message>
    <message>
        <source>Write the selected blueprint to a YAML or JSON file</source>
        <translation>كتابة المخطط المحدد في ملف YAML أو JSON</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;فتح</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;تحديث</translation>
    </message>
    <message>
        <source>Blueprints of this workspace</source>
        <translation>مخططات مساحة العمل هذه</translation>
    </message>
    <message>
        <source>No blueprints yet</source>
        <translation>لا توجد مخططات بعد</translation>
    </message>
    <message>
        <source>Start one from a domain template or import a YAML or JSON file.</source>
        <translation>ابدأ مخططًا من قالب قطاع أو استورد ملف YAML أو JSON.</translation>
    </message>
    <message>
        <source>New from template…</source>
        <translation>جديد من قالب…</translation>
    </message>
</context>
<context>
    <name>ChainStatusLabel</name>
    <message>
        <source>Verifying every hash and signature of the chain…</source>
        <translation>جارٍ التحقق من كل بصمة وتوقيع في السلسلة…</translation>
    </message>
    <message>
        <source>The chain could not be verified. %1</source>
        <translation>تعذّر التحقق من السلسلة. %1</translation>
    </message>
    <message>
        <source>✖ Chain broken at entry %1: %2</source>
        <translation>✖ السلسلة مكسورة عند القيد %1: %2</translation>
    </message>
    <message>
        <source>Verification status</source>
        <translation>حالة التحقق</translation>
    </message>
    <message numerus="yes">
        <source>✔ Chain intact: %Ln entries verified; the head is entry %1 (%2…).</source>
        <translation>
            <numerusform>✔ السلسلة سليمة: لم يُتحقق من أي قيد؛ آخرها القيد %1 (%2…).</numerusform>
            <numerusform>✔ السلسلة سليمة: تم التحقق من قيد واحد؛ آخرها القيد %1 (%2…).</numerusform>
            <numerusform>✔ السلسلة سليمة: تم التحقق من قيدين؛ آخرها القيد %1 (%2…).</numerusform>
            <numerusform>✔ السلسلة سليمة: تم التحقق من %Ln قيود؛ آخرها القيد %1 (%2…).</numerusform>
            <numerusform>✔ السلسلة سليمة: تم التحقق من %Ln قيدًا؛ آخرها القيد %1 (%2…).</numerusform>
            <numerusform>✔ السلسلة سليمة: تم التحقق من %Ln قيد؛ آخرها القيد %1 (%2…).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangeKindLegend</name>
    <message>
        <source>Change kinds</source>
        <translation>أنواع التغيير</translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <source>now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>Explain %1</source>
        <translation>اشرح %1</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>المساعد</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>يفكّر…</translation>
    </message>
    <message>
        <source>Waiting for the answer…</source>
        <translation>بانتظار الإجابة…</translation>
    </message>
    <message>
        <source>Trying again in %1 s (%2)</source>
        <translation>إعادة المحاولة بعد %1 ث (%2)</translation>
    </message>
    <message>
        <source>Attempt %1: asking Claude to correct its proposal</source>
        <translation>المحاولة %1: يُطلب من Claude تصحيح مقترحه</translation>
    </message>
    <message>
        <source>The assistant could not answer; nothing was recorded. %1</source>
        <translation>تعذّر على المساعد الإجابة؛ لم يُسجَّل شيء. %1</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>لا إجابة</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was recorded; your message is back in the box.</source>
        <translation>أُلغي. لم يُسجَّل شيء؛ وأُعيدت رسالتك إلى المربع.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>أُلغي</translation>
    </message>
    <message>
        <source>The history could not be loaded. %1</source>
        <translation>تعذّر تحميل السجل. %1</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;إلغاء</translation>
    </message>
    <message>
        <source>Stop this message; nothing is recorded (Esc)</source>
        <translation>أوقف هذه الرسالة؛ لا يُسجَّل شيء (Esc)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>The assistant is working</source>
        <translation>المساعد يعمل</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>المحادثة</translation>
    </message>
    <message numerus="yes">
        <source>Used %Ln tokens (%1)</source>
        <translation>
            <numerusform>لم يُستخدم أي رمز (%1)</numerusform>
            <numerusform>استُخدم رمز واحد (%1)</numerusform>
            <numerusform>استُخدم رمزان (%1)</numerusform>
            <numerusform>استُخدمت %Ln رموز (%1)</numerusform>
            <numerusform>استُخدم %Ln رمزًا (%1)</numerusform>
            <numerusform>استُخدم %Ln رمز (%1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>&amp;Message (Arabic or English; Ctrl+Enter sends):</source>
        <translation>ال&amp;رسالة (بالعربية أو الإنجليزية؛ Ctrl+Enter للإرسال):</translation>
    </message>
    <message>
        <source>For example: clinic booking platform in Riyadh with Arabic UI</source>
        <translation>مثلًا: منصة حجز مواعيد لعيادة في الرياض بواجهة عربية</translation>
    </message>
    <message>
        <source>Message to the assistant</source>
        <translation>رسالة إلى المساعد</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>إرسا&amp;ل</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>إرسال</translation>
    </message>
    <message>
        <source>E&amp;xplain this:</source>
        <translation>اشرح &amp;هذا:</translation>
    </message>
    <message>
        <source>What to explain</source>
        <translation>ما يُطلب شرحه</translation>
    </message>
    <message>
        <source>Ex&amp;plain</source>
        <translation>ا&amp;شرح</translation>
    </message>
    <message>
        <source>%1, an entity name, a check id such as %2, or a rule id</source>
        <translation>%1 أو اسم كيان أو معرّف فحص مثل %2 أو معرّف قاعدة</translation>
    </message>
</context>
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
        <translation>استخدم من ١ إلى ٤٠ حرفًا لاتينيًا أو رقمًا أو نقطة أو شرطة أو شرطة سفلية، على أن يبدأ الاسم بحرف أو رقم.</translation>
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
        <translation>يجب أن يكون المنفذ رقمًا من ١ إلى ٦٥٥٣٥.</translation>
    </message>
    <message>
        <source>Enter the tenant this console works for.</source>
        <translation>أدخل المستأجر الذي تعمل له وحدة التحكم هذه.</translation>
    </message>
    <message>
        <source>The tenant must be at most 200 characters, without control characters.</source>
        <translation>يجب ألا يزيد اسم المستأجر على ٢٠٠ حرف، وألا يحتوي على محارف تحكم.</translation>
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
        <translation>المست&amp;أجر:</translation>
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
    <message>
        <source>e.g. %1</source>
        <translation>مثال: %1</translation>
    </message>
    <message>
        <source>This is not a database URL; expected %1.</source>
        <translation>هذا ليس عنوان قاعدة بيانات؛ الصيغة المتوقعة %1.</translation>
    </message>
</context>
<context>
    <name>ConstitutionPane</name>
    <message>
        <source>Version %1 of the constitution was adopted by %2 meanwhile. Your edits are kept; Revert shows the adopted version.</source>
        <translation>اعتمد %2 في الأثناء الإصدار %1 من الدستور. تعديلاتك محفوظة؛ «تراجع» يعرض الإصدار المعتمد.</translation>
    </message>
    <message>
        <source>The constitution could not be loaded. %1</source>
        <translation>تعذّر تحميل الدستور. %1</translation>
    </message>
    <message>
        <source>rule %1, setting %2</source>
        <translation>القاعدة %1، الإعداد %2</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>القاعدة %1</translation>
    </message>
    <message>
        <source>setting %1</source>
        <translation>الإعداد %1</translation>
    </message>
    <message>
        <source>✖ Problem in %1 (line %2): %3</source>
        <translation>✖ مشكلة في %1 (السطر %2): %3</translation>
    </message>
    <message>
        <source>✖ Problem in %1: %2</source>
        <translation>✖ مشكلة في %1: %2</translation>
    </message>
    <message>
        <source>✖ Problem on line %1: %2</source>
        <translation>✖ مشكلة في السطر %1: %2</translation>
    </message>
    <message>
        <source>✖ Not valid: %1</source>
        <translation>✖ غير صالح: %1</translation>
    </message>
    <message>
        <source>The change was adopted at once.</source>
        <translation>اعتُمد التعديل فورًا.</translation>
    </message>
    <message>
        <source>The change is waiting for approval (request %1). It is adopted once the owner approves it.</source>
        <translation>التعديل بانتظار الموافقة (الطلب %1). يُعتمد حين يوافق عليه المالك.</translation>
    </message>
    <message>
        <source>Request %1 was approved: the new constitution is in force.</source>
        <translation>تمت الموافقة على الطلب %1: الدستور الجديد نافذ.</translation>
    </message>
    <message>
        <source>Request %1 was not approved; the constitution is unchanged.</source>
        <translation>لم تتم الموافقة على الطلب %1؛ بقي الدستور دون تغيير.</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>لا توجد مساحة عمل مفتوحة.</translation>
    </message>
    <message>
        <source>Version 0: the default constitution, not yet changed in this workspace.</source>
        <translation>الإصدار ٠: الدستور الافتراضي، ولم يُعدَّل بعد في مساحة العمل هذه.</translation>
    </message>
    <message>
        <source>Version %1, adopted by %2.</source>
        <translation>الإصدار %1، اعتمده %2.</translation>
    </message>
    <message>
        <source>Read-only: changing it needs the permission %1.</source>
        <translation>للقراءة فقط: تعديله يحتاج إلى الصلاحية %1.</translation>
    </message>
    <message>
        <source>Constitution</source>
        <translation>الدستور</translation>
    </message>
    <message>
        <source>&amp;Rules (YAML):</source>
        <translation>ال&amp;قواعد (YAML):</translation>
    </message>
    <message>
        <source>Constitution text</source>
        <translation>نص الدستور</translation>
    </message>
    <message>
        <source>&amp;Why:</source>
        <translation>ال&amp;سبب:</translation>
    </message>
    <message>
        <source>Why the change is wanted (required)</source>
        <translation>لماذا يُراد التعديل (مطلوب)</translation>
    </message>
    <message>
        <source>Why the change is wanted</source>
        <translation>لماذا يُراد التعديل</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <source>Put back the constitution in force</source>
        <translation>إعادة الدستور النافذ</translation>
    </message>
    <message>
        <source>&amp;Propose change</source>
        <translation>اقت&amp;راح التعديل</translation>
    </message>
    <message>
        <source>Put the new text to the constitution in force</source>
        <translation>عرض النص الجديد على الدستور النافذ</translation>
    </message>
    <message numerus="yes">
        <source>✔ Valid: %Ln rules.</source>
        <translation>
            <numerusform>✔ صالح: لا قواعد.</numerusform>
            <numerusform>✔ صالح: قاعدة واحدة.</numerusform>
            <numerusform>✔ صالح: قاعدتان.</numerusform>
            <numerusform>✔ صالح: %Ln قواعد.</numerusform>
            <numerusform>✔ صالح: %Ln قاعدةً.</numerusform>
            <numerusform>✔ صالح: %Ln قاعدة.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <source>Explanation</source>
        <translation>شرح</translation>
    </message>
    <message>
        <source>%1, last message %2</source>
        <translation>%1، آخر رسالة %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 — started %2, %Ln messages</source>
        <translation>
            <numerusform>%1 — بدأت %2، لا رسائل</numerusform>
            <numerusform>%1 — بدأت %2، رسالة واحدة</numerusform>
            <numerusform>%1 — بدأت %2، رسالتان</numerusform>
            <numerusform>%1 — بدأت %2، %Ln رسائل</numerusform>
            <numerusform>%1 — بدأت %2، %Ln رسالةً</numerusform>
            <numerusform>%1 — بدأت %2، %Ln رسالة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationsColumn</name>
    <message>
        <source>C&amp;onversations</source>
        <translation>المحاد&amp;ثات</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>المحادثات</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>&amp;محادثة جديدة</translation>
    </message>
</context>
<context>
    <name>CostsView</name>
    <message>
        <source>%1, %2</source>
        <translation>%1، %2</translation>
    </message>
    <message>
        <source>After the plan</source>
        <translation>بعد الخطة</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>الفرق</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>التكاليف</translation>
    </message>
    <message>
        <source>Costs (%1, from the provider's price list)</source>
        <translation>التكاليف (%1، من قائمة أسعار المزوّد)</translation>
    </message>
    <message>
        <source>Hourly, gross (with VAT)</source>
        <translation>بالساعة، شاملة الضريبة</translation>
    </message>
    <message>
        <source>Hourly, net</source>
        <translation>بالساعة، صافية</translation>
    </message>
    <message>
        <source>Monthly, gross (with VAT)</source>
        <translation>شهريًا، شاملة الضريبة</translation>
    </message>
    <message>
        <source>Monthly, net</source>
        <translation>شهريًا، صافية</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>الآن</translation>
    </message>
</context>
<context>
    <name>Deploy</name>
    <message>
        <source>Being deployed by another console</source>
        <translation>يُنشر الآن من وحدة تحكم أخرى</translation>
    </message>
    <message>
        <source>%1 (Hetzner)</source>
        <translation>%1 (لدى Hetzner)</translation>
    </message>
    <message>
        <source>%1 (at %2)</source>
        <translation>%1 (لدى %2)</translation>
    </message>
    <message>
        <source>%1 (on premises)</source>
        <translation>%1 (في مقر المنشأة)</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>إنشاء</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Firewall</source>
        <translation>جدار حماية</translation>
    </message>
    <message>
        <source>Load balancer</source>
        <translation>موازن أحمال</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>شبكة</translation>
    </message>
    <message>
        <source>Not deployed</source>
        <translation>غير منشورة</translation>
    </message>
    <message>
        <source>Primary IP</source>
        <translation>عنوان IP أساسي</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>استبدال</translation>
    </message>
    <message>
        <source>SSH key</source>
        <translation>مفتاح SSH</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>خادم</translation>
    </message>
    <message>
        <source>The price list has no price for part of this plan: %1</source>
        <translation>لا تحوي قائمة الأسعار سعرًا لجزء من هذه الخطة: %1</translation>
    </message>
    <message>
        <source>The setting %1: %2</source>
        <translation>الإعداد %1: %2</translation>
    </message>
    <message>
        <source>Update in place</source>
        <translation>تعديل في مكانه</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>مجلد تخزين</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>من %1 إلى %2</translation>
    </message>
    <message>
        <source>%1 (#%2)</source>
        <translation>%1 (رقم %2)</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>مطبّقة</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>أُلغيت</translation>
    </message>
    <message>
        <source>Destroyed</source>
        <translation>أُزيلت</translation>
    </message>
    <message>
        <source>Drifted (%1)</source>
        <translation>منحرفة (%1)</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>أخفقت</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>انقطعت</translation>
    </message>
    <message>
        <source>No drift</source>
        <translation>لا انحراف</translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation>استُرجعت</translation>
    </message>
    <message>
        <source>Stopped at a step</source>
        <translation>توقفت عند خطوة</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>من %1</translation>
    </message>
    <message>
        <source>from nowhere</source>
        <translation>من لا مكان</translation>
    </message>
    <message>
        <source>to %1 (outbound)</source>
        <translation>إلى %1 (صادرة)</translation>
    </message>
</context>
<context>
    <name>DeployPane</name>
    <message>
        <source>Warning: some steps destroy data (marked ⚠).</source>
        <translation>تنبيه: بعض الخطوات تُتلف بيانات (عليها ⚠).</translation>
    </message>
    <message numerus="yes">
        <source>%1, environment %2: %Ln app servers of type %3.</source>
        <translation>
            <numerusform>%1، البيئة %2: لا خوادم للتطبيق من النوع %3.</numerusform>
            <numerusform>%1، البيئة %2: خادم واحد للتطبيق من النوع %3.</numerusform>
            <numerusform>%1، البيئة %2: خادمان للتطبيق من النوع %3.</numerusform>
            <numerusform>%1، البيئة %2: %Ln خوادم للتطبيق من النوع %3.</numerusform>
            <numerusform>%1، البيئة %2: %Ln خادمًا للتطبيق من النوع %3.</numerusform>
            <numerusform>%1، البيئة %2: %Ln خادم للتطبيق من النوع %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to create</source>
        <translation>
            <numerusform>لا موارد للإنشاء</numerusform>
            <numerusform>مورد واحد للإنشاء</numerusform>
            <numerusform>موردان للإنشاء</numerusform>
            <numerusform>%Ln موارد للإنشاء</numerusform>
            <numerusform>%Ln موردًا للإنشاء</numerusform>
            <numerusform>%Ln مورد للإنشاء</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to delete</source>
        <translation>
            <numerusform>لا موارد للحذف</numerusform>
            <numerusform>مورد واحد للحذف</numerusform>
            <numerusform>موردان للحذف</numerusform>
            <numerusform>%Ln موارد للحذف</numerusform>
            <numerusform>%Ln موردًا للحذف</numerusform>
            <numerusform>%Ln مورد للحذف</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to replace</source>
        <translation>
            <numerusform>لا موارد للاستبدال</numerusform>
            <numerusform>مورد واحد للاستبدال</numerusform>
            <numerusform>موردان للاستبدال</numerusform>
            <numerusform>%Ln موارد للاستبدال</numerusform>
            <numerusform>%Ln موردًا للاستبدال</numerusform>
            <numerusform>%Ln مورد للاستبدال</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to update in place</source>
        <translation>
            <numerusform>لا موارد للتعديل في مكانها</numerusform>
            <numerusform>مورد واحد للتعديل في مكانه</numerusform>
            <numerusform>موردان للتعديل في مكانهما</numerusform>
            <numerusform>%Ln موارد للتعديل في مكانها</numerusform>
            <numerusform>%Ln موردًا للتعديل في مكانه</numerusform>
            <numerusform>%Ln مورد للتعديل في مكانه</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Environments</source>
        <translation>البيئا&amp;ت</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>&amp;خطة</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>Add one under Settings → Cloud accounts. A sandbox account simulates Hetzner Cloud on this computer, with no token and nothing billed.</source>
        <translation>أضف حسابًا من الإعدادات ← الحسابات السحابية. الحساب التجريبي يحاكي Hetzner Cloud على هذا الحاسوب، بلا رمز وصول ولا فواتير.</translation>
    </message>
    <message numerus="yes">
        <source>Already as they should be: %Ln resources.</source>
        <translation>
            <numerusform>على الحال المطلوبة: لا موارد.</numerusform>
            <numerusform>على الحال المطلوبة: مورد واحد.</numerusform>
            <numerusform>على الحال المطلوبة: موردان.</numerusform>
            <numerusform>على الحال المطلوبة: %Ln موارد.</numerusform>
            <numerusform>على الحال المطلوبة: %Ln موردًا.</numerusform>
            <numerusform>على الحال المطلوبة: %Ln مورد.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an environment to plan it on a cloud account.</source>
        <translation>اختر بيئة لوضع خطتها على حساب سحابي.</translation>
    </message>
    <message>
        <source>Create a blueprint in the Blueprints pane; its environments appear here.</source>
        <translation>أنشئ مخططًا في قسم المخططات، فتظهر بيئاته هنا.</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>النشر</translation>
    </message>
    <message>
        <source>No changes: the infrastructure is as it should be.</source>
        <translation>لا تغيير: البنية كما يجب أن تكون.</translation>
    </message>
    <message>
        <source>No cloud accounts yet</source>
        <translation>لا حسابات سحابية بعد</translation>
    </message>
    <message>
        <source>No platforms yet</source>
        <translation>لا منصات بعد</translation>
    </message>
    <message>
        <source>Open &amp;Settings</source>
        <translation>&amp;فتح الإعدادات</translation>
    </message>
    <message>
        <source>Plan summary</source>
        <translation>ملخص الخطة</translation>
    </message>
    <message>
        <source>Plan: %1.</source>
        <translation>الخطة: %1.</translation>
    </message>
    <message>
        <source>Planning</source>
        <translation>وضع الخطة</translation>
    </message>
    <message>
        <source>Read the environment in the cloud, compare it with the blueprint and price the difference; nothing is changed (Ctrl+Enter)</source>
        <translation>قراءة البيئة في السحابة ومقارنتها بالمخطط وتسعير الفرق؛ لا يتغير شيء (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Reading %1 of %2 on %3 and pricing it…</source>
        <translation>قراءة البيئة %1 من %2 على الحساب %3 وتسعيرها…</translation>
    </message>
    <message>
        <source>The blueprint changed since the plan was made: plan again.</source>
        <translation>تغيّر المخطط بعد وضع الخطة: ضع الخطة من جديد.</translation>
    </message>
    <message>
        <source>What stopped the plan</source>
        <translation>ما أوقف الخطة</translation>
    </message>
    <message>
        <source>A plan back to deployment #%1: review it, then apply it.</source>
        <translation>خطة للعودة إلى النشر رقم %1: راجعها ثم طبّقها.</translation>
    </message>
    <message>
        <source>A plan back to the state applied before: review it, then apply it.</source>
        <translation>خطة للعودة إلى الحال المطبّقة من قبل: راجعها ثم طبّقها.</translation>
    </message>
    <message>
        <source>A plan to destroy the environment (the volumes are kept): review it, then apply it.</source>
        <translation>خطة لإزالة البيئة (تبقى مجلدات التخزين): راجعها ثم طبّقها.</translation>
    </message>
    <message>
        <source>A plan to destroy the environment and its data: review it, then apply it.</source>
        <translation>خطة لإزالة البيئة وبياناتها: راجعها ثم طبّقها.</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>الخطة</translation>
    </message>
</context>
<context>
    <name>CostsPane</name>
    <message>
        <source>%1 to %2</source>
        <translation>من %1 إلى %2</translation>
    </message>
    <message>
        <source>%1 usage records could not be priced and are not in these totals.</source>
        <translation>تعذّر تسعير %1 من سجلات الاستخدام وهي غير محسوبة في هذه المجاميع.</translation>
    </message>
    <message>
        <source>%1 usage records could not be priced and are not in these totals: %2. See the Unpriced tab.</source>
        <translation>تعذّر تسعير %1 من سجلات الاستخدام وهي غير محسوبة في هذه المجاميع: %2. راجع تبويب «غير المسعّر».</translation>
    </message>
    <message>
        <source>%1, %2: the days with usage; choose a day (Enter) for its usage records.</source>
        <translation>%1، %2: الأيام التي فيها استخدام؛ اختر يومًا (Enter) لعرض سجلات استخدامه.</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>ال&amp;فترة:</translation>
    </message>
    <message>
        <source>(no tenant)</source>
        <translation>(بلا مستأجر)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(لا شيء)</translation>
    </message>
    <message>
        <source>(not a platform's)</source>
        <translation>(ليس لمنصة)</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>الذكاء الاصطناعي</translation>
    </message>
    <message>
        <source>Amounts in %1</source>
        <translation>المبالغ بعملة %1</translation>
    </message>
    <message>
        <source>Budget %1: %2 a month</source>
        <translation>الميزانية %1: %2 في الشهر</translation>
    </message>
    <message>
        <source>Budget %1: %2 for its period</source>
        <translation>الميزانية %1: %2 لفترتها</translation>
    </message>
    <message>
        <source>Budget %1</source>
        <translation>الميزانية %1</translation>
    </message>
    <message>
        <source>Forecast to month end</source>
        <translation>المتوقع حتى نهاية الشهر</translation>
    </message>
    <message>
        <source>Whole workspace</source>
        <translation>مساحة العمل كلها</translation>
    </message>
    <message>
        <source>forecast</source>
        <translation>المتوقع</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>الميزانية</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>تنطبق على</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>المنفَق</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>المتوقع</translation>
    </message>
    <message>
        <source>Thresholds crossed</source>
        <translation>العتبات المتجاوَزة</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV ‏(*.csv)</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>الفئة</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>السحابة</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>التكلفة</translation>
    </message>
    <message>
        <source>Cost %1</source>
        <translation>التكلفة %1</translation>
    </message>
    <message>
        <source>Cost and revenue per platform</source>
        <translation>التكلفة والإيراد لكل منصة</translation>
    </message>
    <message>
        <source>Costs report</source>
        <translation>تقرير التكاليف</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>مخصّصة</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>البيئة</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>تصدير &amp;CSV…</translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation>تصدير P&amp;DF…</translation>
    </message>
    <message>
        <source>Export a PDF report</source>
        <translation>تصدير تقرير PDF</translation>
    </message>
    <message>
        <source>Export costs as CSV</source>
        <translation>تصدير التكاليف بصيغة CSV</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>اليوم الأول</translation>
    </message>
    <message>
        <source>From (UTC)</source>
        <translation>من (UTC)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>آخر ١٢ شهرًا</translation>
    </message>
    <message>
        <source>Last 3 months</source>
        <translation>آخر ٣ أشهر</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>اليوم الأخير</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>الشهر الماضي</translation>
    </message>
    <message>
        <source>Loading costs…</source>
        <translation>جارٍ تحميل التكاليف…</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>الهامش</translation>
    </message>
    <message>
        <source>Margin %1</source>
        <translation>الهامش %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>No usage recorded in this period</source>
        <translation>لا استخدام مسجّل في هذه الفترة</translation>
    </message>
    <message>
        <source>Of</source>
        <translation>لـ</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>ملفات PDF ‏(*.pdf)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>الفترة</translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation>الفترة: %1</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>المنصة</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>المنصات</translation>
    </message>
    <message>
        <source>Platforms and tenants</source>
        <translation>المنصات والمستأجرون</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>المزوّد</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>المزوّدون</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>إعادة ال&amp;تحميل</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>السجلات</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>المورد</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>الإيراد</translation>
    </message>
    <message>
        <source>Revenue %1</source>
        <translation>الإيراد %1</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>Spend over time</source>
        <translation>الإنفاق عبر الزمن</translation>
    </message>
    <message>
        <source>Spend per day by category</source>
        <translation>الإنفاق اليومي حسب الفئة</translation>
    </message>
    <message>
        <source>Spend per month by category</source>
        <translation>الإنفاق الشهري حسب الفئة</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>المستأجر</translation>
    </message>
    <message>
        <source>The costs could not be loaded: %1</source>
        <translation>تعذّر تحميل التكاليف: %1</translation>
    </message>
    <message>
        <source>The export could not be written: %1</source>
        <translation>تعذّرت كتابة ملف التصدير: %1</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>هذا الشهر</translation>
    </message>
    <message>
        <source>This month so far %1, by month end %2 at this pace</source>
        <translation>هذا الشهر حتى الآن %1، وبنهاية الشهر %2 بهذه الوتيرة</translation>
    </message>
    <message>
        <source>Top cost drivers</source>
        <translation>أكبر مسبّبات التكلفة</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>الوحدة</translation>
    </message>
    <message>
        <source>Unpriced</source>
        <translation>غير المسعّر</translation>
    </message>
    <message>
        <source>Unpriced rows</source>
        <translation>صفوف غير مسعّرة</translation>
    </message>
    <message>
        <source>Usage comes from the assistant, the cloud meter and imports: run “webnova usage import FILE” (CSV or JSON) or “webnova usage meter”, or choose another period.</source>
        <translation>يأتي الاستخدام من المساعد ومن عدّاد السحابة ومن الاستيراد: شغّل «webnova usage import FILE» (CSV أو JSON) أو «webnova usage meter»، أو اختر فترة أخرى.</translation>
    </message>
    <message>
        <source>Usage records</source>
        <translation>سجلات الاستخدام</translation>
    </message>
    <message>
        <source>Why it has no price</source>
        <translation>سبب عدم تسعيره</translation>
    </message>
    <message>
        <source>Written to %1</source>
        <translation>كُتب إلى %1</translation>
    </message>
</context>
<context>
    <name>CostsSection</name>
    <message>
        <source>C&amp;osts</source>
        <translation>ال&amp;تكاليف</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>التكاليف</translation>
    </message>
    <message>
        <source>What your platforms cost and earn (%1)</source>
        <translation>ما تكلّفه منصاتك وما تكسبه (%1)</translation>
    </message>
</context>
<context>
    <name>DeploySection</name>
    <message>
        <source>Dep&amp;loy</source>
        <translation>ال&amp;نشر</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>النشر</translation>
    </message>
    <message>
        <source>Plan platform environments on your cloud (%1)</source>
        <translation>وضع خطط بيئات المنصات على سحابتك (%1)</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>Choose two versions to compare.</source>
        <translation>اختر إصدارين لمقارنتهما.</translation>
    </message>
    <message>
        <source>Versions %1 and %2 have the same content.</source>
        <translation>للإصدارين %1 و%2 المحتوى نفسه.</translation>
    </message>
    <message>
        <source>Changes from version %1 to version %2: %3</source>
        <translation>التغييرات من الإصدار %1 إلى الإصدار %2: %3</translation>
    </message>
    <message>
        <source>&amp;From version:</source>
        <translation>&amp;من الإصدار:</translation>
    </message>
    <message>
        <source>&amp;To version:</source>
        <translation>إ&amp;لى الإصدار:</translation>
    </message>
    <message>
        <source>Older version</source>
        <translation>الإصدار الأقدم</translation>
    </message>
    <message>
        <source>Newer version</source>
        <translation>الإصدار الأحدث</translation>
    </message>
    <message>
        <source>Changes between the versions</source>
        <translation>التغييرات بين الإصدارين</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>Backup drill</source>
        <translation>تمرين النسخة الاحتياطية</translation>
    </message>
    <message>
        <source>Drill of backup %1: the rows of every table match (%2 tables).</source>
        <translation>تمرين النسخة الاحتياطية %1: صفوف كل الجداول متطابقة (عدد الجداول %2).</translation>
    </message>
    <message>
        <source>Drill of backup %1: the rows of these tables do not match: %2.</source>
        <translation>تمرين النسخة الاحتياطية %1: صفوف هذه الجداول غير متطابقة: %2.</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>متطابقة</translation>
    </message>
    <message>
        <source>Mismatch</source>
        <translation>غير متطابقة</translation>
    </message>
    <message>
        <source>Restored into the scratch database %1, dropped after.</source>
        <translation>استُعيدت في قاعدة البيانات المؤقتة %1، ثم أُزيلت.</translation>
    </message>
    <message>
        <source>Rows in the backup</source>
        <translation>الصفوف في النسخة الاحتياطية</translation>
    </message>
    <message>
        <source>Rows of each table, in the backup and restored</source>
        <translation>صفوف كل جدول في النسخة الاحتياطية وبعد استعادتها</translation>
    </message>
    <message>
        <source>Rows restored</source>
        <translation>الصفوف المستعادة</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>الجدول</translation>
    </message>
    <message>
        <source>The drill of backup %1 could not compare the rows: %2</source>
        <translation>تعذّر على تمرين النسخة الاحتياطية %1 مقارنة الصفوف: %2</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>النتيجة</translation>
    </message>
</context>
<context>
    <name>EditSurface</name>
    <message>
        <source>The raw text cannot be read, so the forms show the last readable document. Fix the text (see the problems below) or undo.</source>
        <translation>تعذّرت قراءة النص الخام، لذا تعرض النماذج آخر مستند أمكنت قراءته. صحّح النص (انظر المشكلات أدناه) أو تراجع.</translation>
    </message>
    <message>
        <source>New %1</source>
        <translation>%1 جديد</translation>
    </message>
    <message>
        <source>S&amp;ections</source>
        <translation>الأ&amp;قسام</translation>
    </message>
    <message>
        <source>Blueprint sections</source>
        <translation>أقسام المخطط</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>إ&amp;ضافة</translation>
    </message>
    <message>
        <source>Add an item to the selected section</source>
        <translation>إضافة عنصر إلى القسم المحدد</translation>
    </message>
    <message>
        <source>Add an item</source>
        <translation>إضافة عنصر</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>إ&amp;زالة</translation>
    </message>
    <message>
        <source>Remove the selected item (Delete)</source>
        <translation>إزالة العنصر المحدد (Delete)</translation>
    </message>
    <message>
        <source>Form of the selected section</source>
        <translation>نموذج القسم المحدد</translation>
    </message>
    <message numerus="yes">
        <source>%Ln items. Select one to edit it, or add a new one.</source>
        <translation>
            <numerusform>لا عناصر بعد. أضف عنصرًا جديدًا.</numerusform>
            <numerusform>عنصر واحد. اختره لتحريره، أو أضف عنصرًا جديدًا.</numerusform>
            <numerusform>عنصران. اختر أحدهما لتحريره، أو أضف عنصرًا جديدًا.</numerusform>
            <numerusform>%Ln عناصر. اختر عنصرًا لتحريره، أو أضف عنصرًا جديدًا.</numerusform>
            <numerusform>%Ln عنصرًا. اختر عنصرًا لتحريره، أو أضف عنصرًا جديدًا.</numerusform>
            <numerusform>%Ln عنصر. اختر عنصرًا لتحريره، أو أضف عنصرًا جديدًا.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditorNotice</name>
    <message>
        <source>Dismiss</source>
        <translation>إغلاق</translation>
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
    <name>EnvironmentList</name>
    <message>
        <source>%1 (key %2)</source>
        <translation>%1 (المفتاح %2)</translation>
    </message>
    <message>
        <source>%1, environment %2, %3: %4</source>
        <translation>%1، البيئة %2، %3: %4</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>البيئة</translation>
    </message>
    <message>
        <source>Environments of the platforms</source>
        <translation>بيئات المنصات</translation>
    </message>
    <message>
        <source>Platform %1</source>
        <translation>المنصة %1</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1؛ %2</translation>
    </message>
    <message>
        <source>Drift</source>
        <translation>الانحراف</translation>
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
        <translation>بح&amp;ث:</translation>
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
    <name>FindingsView</name>
    <message>
        <source>How to fix: %1</source>
        <translation>طريقة الإصلاح: %1</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>خطأ</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>تحذير</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>جارٍ الفحص…</translation>
    </message>
    <message>
        <source>No problems found</source>
        <translation>لم يُعثر على مشكلات</translation>
    </message>
    <message>
        <source>Errors: %1 · Warnings: %2 · Notes: %3</source>
        <translation>الأخطاء: %1 · التحذيرات: %2 · الملاحظات: %3</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>الخطورة</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>الرسالة</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>الموضع في المستند</translation>
    </message>
    <message>
        <source>Line:column</source>
        <translation>السطر:العمود</translation>
    </message>
    <message>
        <source>Problems and compliance findings</source>
        <translation>المشكلات وملاحظات الامتثال</translation>
    </message>
</context>
<context>
    <name>Generate</name>
    <message>
        <source>The platform could not be run. Details: %1</source>
        <translation>تعذّر تشغيل المنصة. التفاصيل: %1</translation>
    </message>
    <message>
        <source>A file could not be read or written. Details: %1</source>
        <translation>تعذّرت قراءة ملف أو كتابته. التفاصيل: %1</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>مُضاف</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>مُعدَّل</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>دون تغيير</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>محذوف</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>مدموج</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>تعارض</translation>
    </message>
    <message>
        <source>A new file was written.</source>
        <translation>كُتب ملف جديد.</translation>
    </message>
    <message>
        <source>The generated file changed and was rewritten.</source>
        <translation>تغيّر الملف المولَّد فأُعيدت كتابته.</translation>
    </message>
    <message>
        <source>Nothing changed in this file.</source>
        <translation>لم يتغير شيء في هذا الملف.</translation>
    </message>
    <message>
        <source>The file is no longer generated and was deleted.</source>
        <translation>لم يعد الملف يُولَّد فحُذف.</translation>
    </message>
    <message>
        <source>Your edits were merged with the new generation.</source>
        <translation>دُمجت تعديلاتك مع التوليد الجديد.</translation>
    </message>
    <message>
        <source>Your edits and the new generation touch the same lines: your file was kept and needs a decision.</source>
        <translation>تمسّ تعديلاتك والتوليد الجديد الأسطر نفسها: أُبقي ملفك وينتظر قرارك.</translation>
    </message>
    <message>
        <source>Rendering files</source>
        <translation>إنشاء الملفات</translation>
    </message>
    <message>
        <source>Comparing with the folder</source>
        <translation>المقارنة بالمجلد</translation>
    </message>
    <message>
        <source>Writing files</source>
        <translation>كتابة الملفات</translation>
    </message>
    <message>
        <source>Recording the generation</source>
        <translation>تسجيل التوليد</translation>
    </message>
    <message>
        <source>no longer generated</source>
        <translation>لم يعد يُولَّد</translation>
    </message>
    <message>
        <source>no longer generated, but you edited it; your copy is kept</source>
        <translation>لم يعد يُولَّد، لكنك عدّلته؛ فأُبقيت نسختك</translation>
    </message>
    <message>
        <source>was missing; restored</source>
        <translation>كان مفقودًا فاستُعيد</translation>
    </message>
    <message>
        <source>matches the generation; the old .conflict file can go</source>
        <translation>يطابق التوليد؛ ويمكن حذف ملف التعارض القديم</translation>
    </message>
    <message>
        <source>a file you made has the path of a generated file</source>
        <translation>لملف أنشأته مسار ملف مولَّد</translation>
    </message>
    <message>
        <source>an earlier conflict is not resolved yet</source>
        <translation>لم يُحسم تعارض سابق بعد</translation>
    </message>
    <message>
        <source>your edits are kept; the generator's output did not change</source>
        <translation>أُبقيت تعديلاتك؛ ولم يتغير ناتج المولِّد</translation>
    </message>
    <message>
        <source>your edits and the new generation change the same lines</source>
        <translation>تغيّر تعديلاتك والتوليد الجديد الأسطر نفسها</translation>
    </message>
    <message>
        <source>your edits merged with the new generation</source>
        <translation>دُمجت تعديلاتك مع التوليد الجديد</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>متوقفة</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>جارٍ التشغيل…</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>تعمل</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>جارٍ الإيقاف…</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>فشلت</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>لم تُفحص</translation>
    </message>
    <message>
        <source>Answering</source>
        <translation>تستجيب</translation>
    </message>
    <message>
        <source>Not answering</source>
        <translation>لا تستجيب</translation>
    </message>
</context>
<context>
    <name>GeneratePane</name>
    <message>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
        <source>Reading the blueprint…</source>
        <translation>جارٍ قراءة المخطط…</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 من %3</translation>
    </message>
    <message>
        <source>Generation cancelled; nothing was written.</source>
        <translation>أُلغي التوليد؛ لم يُكتب أي شيء.</translation>
    </message>
    <message>
        <source>&amp;Show conflicts</source>
        <translation>&amp;عرض التعارضات</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>الملفات</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>التعارضات (%1)</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>التعارضات</translation>
    </message>
    <message>
        <source>History</source>
        <translation>السجل التاريخي</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>التشغيل</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>التوليد</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;توليد</translation>
    </message>
    <message>
        <source>Generate the platform of the chosen version (Ctrl+Enter)</source>
        <translation>توليد منصة الإصدار المختار (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>إل&amp;غاء</translation>
    </message>
    <message>
        <source>Stop before anything is written (Esc)</source>
        <translation>التوقف قبل كتابة أي شيء (Esc)</translation>
    </message>
    <message>
        <source>Generation progress</source>
        <translation>تقدّم التوليد</translation>
    </message>
    <message>
        <source>Generation results</source>
        <translation>نتائج التوليد</translation>
    </message>
    <message>
        <source>No blueprints yet</source>
        <translation>لا توجد مخططات بعد</translation>
    </message>
    <message>
        <source>Create one in the Blueprints pane, then generate its platform here.</source>
        <translation>أنشئ مخططًا في لوحة المخططات، ثم ولّد منصته هنا.</translation>
    </message>
    <message numerus="yes">
        <source>Dry run done: %Ln files would be written, %1 in conflict.</source>
        <translation>
            <numerusform>انتهت التجربة: لن يُكتب أي ملف، وفي تعارض: %1.</numerusform>
            <numerusform>انتهت التجربة: سيُكتب ملف واحد، وفي تعارض: %1.</numerusform>
            <numerusform>انتهت التجربة: سيُكتب ملفان، وفي تعارض: %1.</numerusform>
            <numerusform>انتهت التجربة: ستُكتب %Ln ملفات، وفي تعارض: %1.</numerusform>
            <numerusform>انتهت التجربة: سيُكتب %Ln ملفًا، وفي تعارض: %1.</numerusform>
            <numerusform>انتهت التجربة: سيُكتب %Ln ملف، وفي تعارض: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Generated: %Ln files written, %1 in conflict.</source>
        <translation>
            <numerusform>اكتمل التوليد: لم يُكتب أي ملف، وفي تعارض: %1.</numerusform>
            <numerusform>اكتمل التوليد: كُتب ملف واحد، وفي تعارض: %1.</numerusform>
            <numerusform>اكتمل التوليد: كُتب ملفان، وفي تعارض: %1.</numerusform>
            <numerusform>اكتمل التوليد: كُتبت %Ln ملفات، وفي تعارض: %1.</numerusform>
            <numerusform>اكتمل التوليد: كُتب %Ln ملفًا، وفي تعارض: %1.</numerusform>
            <numerusform>اكتمل التوليد: كُتب %Ln ملف، وفي تعارض: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In conflict: %Ln files. Your files were kept, and a %1 file beside each shows both sides. Decide for each one.</source>
        <translation>
            <numerusform>في تعارض: لا ملفات. أُبقيت ملفاتك، وبجانب كلٍّ منها ملف %1 يعرض الجانبين. قرّر في كل واحد منها.</numerusform>
            <numerusform>في تعارض: ملف واحد. أُبقيت ملفاتك، وبجانب كلٍّ منها ملف %1 يعرض الجانبين. قرّر في كل واحد منها.</numerusform>
            <numerusform>في تعارض: ملفان. أُبقيت ملفاتك، وبجانب كلٍّ منها ملف %1 يعرض الجانبين. قرّر في كل واحد منها.</numerusform>
            <numerusform>في تعارض: %Ln ملفات. أُبقيت ملفاتك، وبجانب كلٍّ منها ملف %1 يعرض الجانبين. قرّر في كل واحد منها.</numerusform>
            <numerusform>في تعارض: %Ln ملفًا. أُبقيت ملفاتك، وبجانب كلٍّ منها ملف %1 يعرض الجانبين. قرّر في كل واحد منها.</numerusform>
            <numerusform>في تعارض: %Ln ملف. أُبقيت ملفاتك، وبجانب كلٍّ منها ملف %1 يعرض الجانبين. قرّر في كل واحد منها.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerateSection</name>
    <message>
        <source>Generate</source>
        <translation>التوليد</translation>
    </message>
    <message>
        <source>Generate and run platforms (%1)</source>
        <translation>توليد المنصات وتشغيلها (%1)</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>ال&amp;توليد</translation>
    </message>
</context>
<context>
    <name>GenerationChooser</name>
    <message>
        <source>Version %1 (latest) — %2</source>
        <translation>الإصدار %1 (الأحدث) — %2</translation>
    </message>
    <message>
        <source>Version %1 — %2</source>
        <translation>الإصدار %1 — %2</translation>
    </message>
    <message>
        <source>Choose the platform folder</source>
        <translation>اختيار مجلد المنصة</translation>
    </message>
    <message>
        <source>&amp;Blueprint:</source>
        <translation>ال&amp;مخطط:</translation>
    </message>
    <message>
        <source>Ve&amp;rsion:</source>
        <translation>الإ&amp;صدار:</translation>
    </message>
    <message>
        <source>Output &amp;folder:</source>
        <translation>مجل&amp;د الإخراج:</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>ا&amp;ستعراض…</translation>
    </message>
    <message>
        <source>&amp;Dry run: show what would change, write nothing</source>
        <translation>تجربة &amp;دون كتابة: عرض ما سيتغير دون كتابة أي شيء</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>مجلد الإخراج</translation>
    </message>
    <message>
        <source>The platform's folder, a git repository with one commit per generation</source>
        <translation>مجلد المنصة، وهو مستودع git فيه إيداع واحد لكل توليد</translation>
    </message>
</context>
<context>
    <name>GenerationConflictsPanel</name>
    <message>
        <source>There is no %1 file: the generation no longer has this file, and your edited copy was kept.</source>
        <translation>لا يوجد ملف %1: لم يعد التوليد يتضمن هذا الملف، وأُبقيت نسختك المعدَّلة.</translation>
    </message>
    <message>
        <source>No conflicts: every file of the last generation is settled.</source>
        <translation>لا توجد تعارضات: حُسمت كل ملفات آخر توليد.</translation>
    </message>
    <message>
        <source>Kept your %1; its conflict report was deleted.</source>
        <translation>أُبقي ملفك %1، وحُذف تقرير تعارضه.</translation>
    </message>
    <message>
        <source>Take the generated file</source>
        <translation>اعتماد الملف المولَّد</translation>
    </message>
    <message>
        <source>Delete %1? The generation no longer has this file; your edits in it will be lost.</source>
        <translation>هل تحذف %1؟ لم يعد التوليد يتضمن هذا الملف، وستضيع تعديلاتك فيه.</translation>
    </message>
    <message>
        <source>Replace %1 with the generated version? Your edits in it will be lost.</source>
        <translation>هل تستبدل بالملف %1 النسخة المولَّدة؟ ستضيع تعديلاتك فيه.</translation>
    </message>
    <message>
        <source>Replaced your %1 with the generated version.</source>
        <translation>استُبدلت النسخة المولَّدة بملفك %1.</translation>
    </message>
    <message>
        <source>Could not open %1.</source>
        <translation>تعذّر فتح %1.</translation>
    </message>
    <message>
        <source>&amp;Keep mine</source>
        <translation>إب&amp;قاء نسختي</translation>
    </message>
    <message>
        <source>Keep your file as it is and delete the conflict report</source>
        <translation>إبقاء ملفك كما هو وحذف تقرير التعارض</translation>
    </message>
    <message>
        <source>&amp;Take generated…</source>
        <translation>أ&amp;خذ النسخة المولَّدة…</translation>
    </message>
    <message>
        <source>Replace your file with the generated version</source>
        <translation>استبدال النسخة المولَّدة بملفك</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>&amp;فتح المجلد</translation>
    </message>
    <message>
        <source>Open the file's folder to merge by hand</source>
        <translation>فتح مجلد الملف للدمج يدويًا</translation>
    </message>
    <message>
        <source>Files in conflict</source>
        <translation>الملفات المتعارضة</translation>
    </message>
    <message>
        <source>Conflict report</source>
        <translation>تقرير التعارض</translation>
    </message>
    <message numerus="yes">
        <source>%Ln files in conflict. Your files were kept as they are; each report shows your lines and the generated ones between the markers %1 and %2.</source>
        <translation>
            <numerusform>في تعارض: لا ملفات. أُبقيت ملفاتك كما هي؛ ويعرض كل تقرير أسطرك والأسطر المولَّدة بين العلامتين %1 و%2.</numerusform>
            <numerusform>في تعارض: ملف واحد. أُبقيت ملفاتك كما هي؛ ويعرض كل تقرير أسطرك والأسطر المولَّدة بين العلامتين %1 و%2.</numerusform>
            <numerusform>في تعارض: ملفان. أُبقيت ملفاتك كما هي؛ ويعرض كل تقرير أسطرك والأسطر المولَّدة بين العلامتين %1 و%2.</numerusform>
            <numerusform>في تعارض: %Ln ملفات. أُبقيت ملفاتك كما هي؛ ويعرض كل تقرير أسطرك والأسطر المولَّدة بين العلامتين %1 و%2.</numerusform>
            <numerusform>في تعارض: %Ln ملفًا. أُبقيت ملفاتك كما هي؛ ويعرض كل تقرير أسطرك والأسطر المولَّدة بين العلامتين %1 و%2.</numerusform>
            <numerusform>في تعارض: %Ln ملف. أُبقيت ملفاتك كما هي؛ ويعرض كل تقرير أسطرك والأسطر المولَّدة بين العلامتين %1 و%2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerationFilesModel</name>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>التغيير</translation>
    </message>
</context>
<context>
    <name>GenerationFilesPanel</name>
    <message>
        <source>Choose a file to see what changed in it.</source>
        <translation>اختر ملفًا لترى ما تغيّر فيه.</translation>
    </message>
    <message>
        <source>Your edits are kept; the generation did not change this file.</source>
        <translation>أُبقيت تعديلاتك؛ ولم يغيّر التوليد هذا الملف.</translation>
    </message>
    <message>
        <source>This file did not change.</source>
        <translation>لم يتغير هذا الملف.</translation>
    </message>
    <message>
        <source>Generate a blueprint version to see its files and what changed in each.</source>
        <translation>ولّد إصدارًا من مخطط لترى ملفاته وما تغيّر في كل منها.</translation>
    </message>
    <message>
        <source>Show &amp;unchanged files</source>
        <translation>إ&amp;ظهار الملفات غير المتغيرة</translation>
    </message>
    <message>
        <source>Generated files</source>
        <translation>الملفات المولَّدة</translation>
    </message>
    <message>
        <source>Changes in the selected file</source>
        <translation>التغييرات في الملف المحدد</translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %Ln files compared in %1 s. Nothing was written.</source>
        <translation>
            <numerusform>تجربة دون كتابة: لم يُقارَن أي ملف في %1 ث. لم يُكتب أي شيء.</numerusform>
            <numerusform>تجربة دون كتابة: قورن ملف واحد في %1 ث. لم يُكتب أي شيء.</numerusform>
            <numerusform>تجربة دون كتابة: قورن ملفان في %1 ث. لم يُكتب أي شيء.</numerusform>
            <numerusform>تجربة دون كتابة: قورنت %Ln ملفات في %1 ث. لم يُكتب أي شيء.</numerusform>
            <numerusform>تجربة دون كتابة: قورن %Ln ملفًا في %1 ث. لم يُكتب أي شيء.</numerusform>
            <numerusform>تجربة دون كتابة: قورن %Ln ملف في %1 ث. لم يُكتب أي شيء.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln files generated into %1 in %2 s; recorded as commit %3.</source>
        <translation>
            <numerusform>لم يُولَّد أي ملف في %1 خلال %2 ث، وسُجِّل بالإيداع %3.</numerusform>
            <numerusform>وُلِّد ملف واحد في %1 خلال %2 ث، وسُجِّل بالإيداع %3.</numerusform>
            <numerusform>وُلِّد ملفان في %1 خلال %2 ث، وسُجِّل بالإيداع %3.</numerusform>
            <numerusform>وُلِّدت %Ln ملفات في %1 خلال %2 ث، وسُجِّل بالإيداع %3.</numerusform>
            <numerusform>وُلِّد %Ln ملفًا في %1 خلال %2 ث، وسُجِّل بالإيداع %3.</numerusform>
            <numerusform>وُلِّد %Ln ملف في %1 خلال %2 ث، وسُجِّل بالإيداع %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln files generated into %1 in %2 s; nothing changed, so nothing was recorded.</source>
        <translation>
            <numerusform>لم يُولَّد أي ملف في %1 خلال %2 ث؛ لم يتغير شيء فلم يُسجَّل شيء.</numerusform>
            <numerusform>وُلِّد ملف واحد في %1 خلال %2 ث؛ لم يتغير شيء فلم يُسجَّل شيء.</numerusform>
            <numerusform>وُلِّد ملفان في %1 خلال %2 ث؛ لم يتغير شيء فلم يُسجَّل شيء.</numerusform>
            <numerusform>وُلِّدت %Ln ملفات في %1 خلال %2 ث؛ لم يتغير شيء فلم يُسجَّل شيء.</numerusform>
            <numerusform>وُلِّد %Ln ملفًا في %1 خلال %2 ث؛ لم يتغير شيء فلم يُسجَّل شيء.</numerusform>
            <numerusform>وُلِّد %Ln ملف في %1 خلال %2 ث؛ لم يتغير شيء فلم يُسجَّل شيء.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerationHistoryModel</name>
    <message>
        <source>Rolled back to an earlier generation</source>
        <translation>رجوع إلى توليد سابق</translation>
    </message>
    <message>
        <source>Generated from the blueprint</source>
        <translation>وُلِّد من المخطط</translation>
    </message>
    <message>
        <source>When</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>بواسطة</translation>
    </message>
    <message>
        <source>Blueprint version</source>
        <translation>إصدار المخطط</translation>
    </message>
    <message>
        <source>What</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>الإيداع</translation>
    </message>
</context>
<context>
    <name>GenerationHistoryPanel</name>
    <message>
        <source>Roll back the platform</source>
        <translation>إرجاع المنصة</translation>
    </message>
    <message>
        <source>Files in the folder changed since the last generation (your edits, or resolved conflicts). Roll back anyway and discard those changes?</source>
        <translation>تغيّرت ملفات في المجلد منذ آخر توليد (تعديلاتك، أو تعارضات حُسمت). هل ترجع على أي حال وتتخلى عن تلك التغييرات؟</translation>
    </message>
    <message>
        <source>Make the folder what the generation of %1 (blueprint version %2) left? This is recorded as a new generation; nothing is deleted from the history.</source>
        <translation>هل تعيد المجلد إلى ما تركه توليد %1 (إصدار المخطط %2)؟ يُسجَّل ذلك توليدًا جديدًا، ولا يُحذف شيء من السجل.</translation>
    </message>
    <message>
        <source>Make the folder what the generation of %1 left? This is recorded as a new generation; nothing is deleted from the history.</source>
        <translation>هل تعيد المجلد إلى ما تركه توليد %1؟ يُسجَّل ذلك توليدًا جديدًا، ولا يُحذف شيء من السجل.</translation>
    </message>
    <message>
        <source>R&amp;oll back to this generation…</source>
        <translation>ال&amp;رجوع إلى هذا التوليد…</translation>
    </message>
    <message>
        <source>Make the folder what the selected generation left, as a new generation</source>
        <translation>إعادة المجلد إلى ما تركه التوليد المحدد، في توليد جديد</translation>
    </message>
    <message>
        <source>R&amp;efresh</source>
        <translation>ت&amp;حديث</translation>
    </message>
    <message>
        <source>Generations of the platform folder</source>
        <translation>توليدات مجلد المنصة</translation>
    </message>
    <message numerus="yes">
        <source>The folder is back at commit %1 (%Ln files restored).</source>
        <translation>
            <numerusform>عاد المجلد إلى الإيداع %1 (لم يُستعد أي ملف).</numerusform>
            <numerusform>عاد المجلد إلى الإيداع %1 (استُعيد ملف واحد).</numerusform>
            <numerusform>عاد المجلد إلى الإيداع %1 (استُعيد ملفان).</numerusform>
            <numerusform>عاد المجلد إلى الإيداع %1 (استُعيدت %Ln ملفات).</numerusform>
            <numerusform>عاد المجلد إلى الإيداع %1 (استُعيد %Ln ملفًا).</numerusform>
            <numerusform>عاد المجلد إلى الإيداع %1 (استُعيد %Ln ملف).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Governance</name>
    <message>
        <source>Approval needed</source>
        <translation>مطلوب موافقة</translation>
    </message>
    <message>
        <source>%1 asks for approval: %2</source>
        <translation>يطلب %1 الموافقة على: %2</translation>
    </message>
    <message>
        <source>WebNova Console</source>
        <translation>وحدة تحكم WebNova</translation>
    </message>
    <message>
        <source>Root owner</source>
        <translation>المالك الأعلى</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>مسؤول</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>مشغّل</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>مدقق</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>مشاهد</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>موقوف</translation>
    </message>
    <message>
        <source>Banned</source>
        <translation>محظور</translation>
    </message>
    <message>
        <source>Read blueprints</source>
        <translation>قراءة المخططات</translation>
    </message>
    <message>
        <source>Edit blueprints</source>
        <translation>تعديل المخططات</translation>
    </message>
    <message>
        <source>Generate code</source>
        <translation>توليد الشيفرة</translation>
    </message>
    <message>
        <source>Plan deployments</source>
        <translation>تخطيط عمليات النشر</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>النشر</translation>
    </message>
    <message>
        <source>Destroy infrastructure</source>
        <translation>إزالة البنية التحتية</translation>
    </message>
    <message>
        <source>Decide approvals</source>
        <translation>البت في الموافقات</translation>
    </message>
    <message>
        <source>Edit the constitution</source>
        <translation>تعديل الدستور</translation>
    </message>
    <message>
        <source>Manage users</source>
        <translation>إدارة المستخدمين</translation>
    </message>
    <message>
        <source>Manage budgets</source>
        <translation>إدارة الميزانيات</translation>
    </message>
    <message>
        <source>Read the audit log</source>
        <translation>قراءة سجل التدقيق</translation>
    </message>
    <message>
        <source>Read events</source>
        <translation>قراءة الأحداث</translation>
    </message>
    <message>
        <source>Read costs</source>
        <translation>قراءة التكاليف</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>بانتظار القرار</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>تمت الموافقة</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>مسحوب</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>منتهي الصلاحية</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>No</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>Ban user %1</source>
        <translation>حظر المستخدم %1</translation>
    </message>
    <message>
        <source>Suspend user %1</source>
        <translation>إيقاف المستخدم %1</translation>
    </message>
    <message>
        <source>Change the role of %1 to %2</source>
        <translation>تغيير دور %1 إلى %2</translation>
    </message>
    <message>
        <source>Hand the root owner role to %1</source>
        <translation>نقل دور المالك الأعلى إلى %1</translation>
    </message>
    <message>
        <source>Change the constitution (now version %1)</source>
        <translation>تعديل الدستور (الإصدار الحالي %1)</translation>
    </message>
    <message>
        <source>Change the default constitution</source>
        <translation>تعديل الدستور الافتراضي</translation>
    </message>
    <message>
        <source>Deploy %1 to %2</source>
        <translation>نشر %1 في %2</translation>
    </message>
    <message>
        <source>Destroy %1</source>
        <translation>إزالة %1</translation>
    </message>
    <message>
        <source>Raise the budget of %1</source>
        <translation>رفع ميزانية %1</translation>
    </message>
    <message>
        <source>Add user %1</source>
        <translation>إضافة المستخدم %1</translation>
    </message>
    <message>
        <source>Change the permissions of %1</source>
        <translation>تغيير صلاحيات %1</translation>
    </message>
    <message>
        <source>Reactivate user %1</source>
        <translation>إعادة تفعيل المستخدم %1</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 على %2</translation>
    </message>
    <message>
        <source>Give a reason for your decision.</source>
        <translation>اذكر سبب قرارك.</translation>
    </message>
    <message>
        <source>This request has already been decided.</source>
        <translation>سبق البت في هذا الطلب.</translation>
    </message>
    <message>
        <source>This request has expired; it can no longer be decided.</source>
        <translation>انتهت صلاحية هذا الطلب؛ لم يعد ممكنًا البت فيه.</translation>
    </message>
    <message>
        <source>You made this request, and its rule does not let the requester decide it (separation of duties). Another approver must decide.</source>
        <translation>أنت من قدّم هذا الطلب، وقاعدته لا تسمح لمقدّم الطلب بالبت فيه (الفصل بين المهام). يجب أن يبت فيه موافِق آخر.</translation>
    </message>
    <message>
        <source>Your role may not decide this request.</source>
        <translation>لا يحق لدورك البت في هذا الطلب.</translation>
    </message>
    <message>
        <source>Your account is not active, so you cannot decide.</source>
        <translation>حسابك غير نشط، لذا لا يمكنك البت.</translation>
    </message>
    <message>
        <source>You have already decided on this request.</source>
        <translation>سبق أن بتَّ في هذا الطلب.</translation>
    </message>
    <message>
        <source>Your vote was recorded, but the constitution now refuses the action, so it was not carried out.</source>
        <translation>سُجّل صوتك، لكن الدستور يرفض الإجراء الآن، لذا لم يُنفَّذ.</translation>
    </message>
    <message>
        <source>The decision could not be recorded.</source>
        <translation>تعذّر تسجيل القرار.</translation>
    </message>
    <message>
        <source>The constitution refuses this: %1</source>
        <translation>يرفض الدستور هذا: %1</translation>
    </message>
    <message>
        <source>This change is not possible: %1</source>
        <translation>هذا التغيير غير ممكن: %1</translation>
    </message>
</context>
<context>
    <name>GovernanceSection</name>
    <message>
        <source>Approvals</source>
        <translation>الموافقات</translation>
    </message>
    <message>
        <source>Audit Log</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>المستخدمون</translation>
    </message>
    <message>
        <source>Constitution</source>
        <translation>الدستور</translation>
    </message>
    <message>
        <source>A&amp;pprovals</source>
        <translation>الموا&amp;فقات</translation>
    </message>
    <message>
        <source>Au&amp;dit Log</source>
        <translation>سجل ال&amp;تدقيق</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>المست&amp;خدمون</translation>
    </message>
    <message>
        <source>Co&amp;nstitution</source>
        <translation>ال&amp;دستور</translation>
    </message>
    <message>
        <source>Show %1 (%2)</source>
        <translation>عرض %1 (%2)</translation>
    </message>
    <message>
        <source>Approvals: %1 waiting for a decision</source>
        <translation>الموافقات: %1 بانتظار قرار</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <source>Created from the %1 template</source>
        <translation>أُنشئ من قالب %1</translation>
    </message>
    <message>
        <source>Created from an imported file</source>
        <translation>أُنشئ من ملف مستورد</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>أُنشئ</translation>
    </message>
    <message>
        <source>Reverted to version %1</source>
        <translation>استُرجع إلى الإصدار %1</translation>
    </message>
    <message>
        <source>Revised</source>
        <translation>عُدّل</translation>
    </message>
    <message>
        <source>%1 added</source>
        <translation>أُضيف %1</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>حُذف %1</translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation>تغيّر %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>; </source>
        <translation>؛ </translation>
    </message>
    <message>
        <source>Version</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>When</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>بواسطة</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>ما الذي تغيّر</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>الإصدارات</translation>
    </message>
    <message>
        <source>&amp;Compare with previous</source>
        <translation>&amp;مقارنة بالسابق</translation>
    </message>
    <message>
        <source>Re&amp;vert to this version…</source>
        <translation>ا&amp;سترجاع هذا الإصدار…</translation>
    </message>
    <message>
        <source>Save this version&apos;s content as the newest version; nothing is deleted.</source>
        <translation>حفظ محتوى هذا الإصدار بوصفه أحدث إصدار؛ لا يُحذف شيء.</translation>
    </message>
</context>
<context>
    <name>LocalizedEdit</name>
    <message>
        <source>EN</source>
        <translation>إنجليزي</translation>
    </message>
    <message>
        <source>AR</source>
        <translation>عربي</translation>
    </message>
    <message>
        <source>English</source>
        <translation>الإنجليزية</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>العربية</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Home</source>
        <translation>ال&amp;رئيسية</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>الرئيسية</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>الإصدار %1</translation>
    </message>
    <message>
        <source>Workspace %1</source>
        <translation>مساحة العمل %1</translation>
    </message>
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
    <message>
        <source>Blueprints</source>
        <translation>المخططات</translation>
    </message>
    <message>
        <source>&amp;Blueprints</source>
        <translation>ال&amp;مخططات</translation>
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
    <message>
        <source>PostgreSQL at %1 refused the password for user %2.</source>
        <translation>رفض PostgreSQL على %1 كلمة مرور المستخدم %2.</translation>
    </message>
    <message>
        <source>There is no database %1 at %2.</source>
        <translation>لا توجد قاعدة بيانات باسم %1 على %2.</translation>
    </message>
    <message>
        <source>There is no user %1 at %2.</source>
        <translation>لا يوجد مستخدم باسم %1 على %2.</translation>
    </message>
    <message>
        <source>No answer from %1 (the connection timed out).</source>
        <translation>لا إجابة من %1 (انتهت مهلة الاتصال).</translation>
    </message>
    <message>
        <source>The host %1 is unknown.</source>
        <translation>المضيف %1 غير معروف.</translation>
    </message>
    <message>
        <source>Nothing is listening at %1 (the connection was refused).</source>
        <translation>لا يستمع أي خادم على %1 (رُفض الاتصال).</translation>
    </message>
    <message>
        <source>The workspace file %1 cannot be opened.</source>
        <translation>تعذّر فتح ملف مساحة العمل %1.</translation>
    </message>
    <message>
        <source>Cannot connect to %1 (%2).</source>
        <translation>تعذّر الاتصال بـ %1 (%2).</translation>
    </message>
</context>
<context>
    <name>NewBlueprintDialog</name>
    <message>
        <source>No templates are installed.</source>
        <translation>لا توجد قوالب مثبّتة.</translation>
    </message>
    <message>
        <source>Use lower-case letters, digits and &apos;-&apos;, starting with a letter or digit.</source>
        <translation>استخدم حروفًا لاتينية صغيرة وأرقامًا والشرطة &apos;-&apos;، على أن يبدأ المفتاح بحرف أو رقم.</translation>
    </message>
    <message>
        <source>A blueprint with this key already exists.</source>
        <translation>يوجد مخطط بهذا المفتاح.</translation>
    </message>
    <message>
        <source>New blueprint</source>
        <translation>مخطط جديد</translation>
    </message>
    <message>
        <source>&amp;Domain template:</source>
        <translation>&amp;قالب القطاع:</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>ال&amp;مفتاح:</translation>
    </message>
    <message>
        <source>for example: patient-portal</source>
        <translation>مثلًا: patient-portal</translation>
    </message>
    <message>
        <source>The blueprint&apos;s permanent name in this workspace.</source>
        <translation>الاسم الدائم للمخطط في مساحة العمل هذه.</translation>
    </message>
    <message>
        <source>Domain template</source>
        <translation>قالب القطاع</translation>
    </message>
    <message>
        <source>Blueprint key</source>
        <translation>مفتاح المخطط</translation>
    </message>
</context>
<context>
    <name>NodeForm</name>
    <message>
        <source>Separate values with commas.</source>
        <translation>افصل بين القيم بفواصل.</translation>
    </message>
    <message>
        <source>Write name=number pairs separated by commas.</source>
        <translation>اكتب أزواجًا بصيغة name=number تفصل بينها فواصل.</translation>
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
    <name>PermissionsEdit</name>
    <message>
        <source>Own records only</source>
        <translation>سجلاته فقط</translation>
    </message>
    <message>
        <source>Permissions by entity and action</source>
        <translation>الصلاحيات حسب الكيان والإجراء</translation>
    </message>
</context>
<context>
    <name>PlanForm</name>
    <message>
        <source>&amp;Location:</source>
        <translation>ال&amp;موقع:</translation>
    </message>
    <message>
        <source>Cloud &amp;account:</source>
        <translation>ال&amp;حساب السحابي:</translation>
    </message>
    <message>
        <source>Cloud account</source>
        <translation>الحساب السحابي</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>الموقع</translation>
    </message>
    <message>
        <source>Networks that may reach SSH</source>
        <translation>الشبكات المسموح لها بالوصول إلى SSH</translation>
    </message>
    <message>
        <source>Only these networks may reach the servers' SSH port. Web traffic (80 and 443) is open to everyone.</source>
        <translation>هذه الشبكات وحدها تصل إلى منفذ SSH في الخوادم. حركة الويب (٨٠ و٤٤٣) مفتوحة للجميع.</translation>
    </message>
    <message>
        <source>Problem with the SSH networks</source>
        <translation>مشكلة في شبكات SSH</translation>
    </message>
    <message>
        <source>Problem with the location</source>
        <translation>مشكلة في الموقع</translation>
    </message>
    <message>
        <source>SSH &amp;from:</source>
        <translation>&amp;شبكات SSH:</translation>
    </message>
    <message>
        <source>choose a Hetzner location</source>
        <translation>اختر موقعًا في Hetzner</translation>
    </message>
    <message>
        <source>e.g. %1, comma separated; empty: SSH stays closed</source>
        <translation>مثل %1، مفصولة بفواصل؛ فارغ: يبقى SSH مغلقًا</translation>
    </message>
</context>
<context>
    <name>PlanTree</name>
    <message>
        <source>%1 %2 %3; why: %4</source>
        <translation>%1 %2 %3؛ السبب: %4</translation>
    </message>
    <message>
        <source>%1 — its data is lost</source>
        <translation>%1 — تُفقد بياناته</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>التغيير</translation>
    </message>
    <message>
        <source>Each step of the plan; expand a step to see the settings it changes</source>
        <translation>خطوات الخطة؛ افتح الخطوة لترى الإعدادات التي تغيّرها</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Plan steps</source>
        <translation>خطوات الخطة</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>المورد</translation>
    </message>
    <message>
        <source>Setting %1: %2</source>
        <translation>الإعداد %1: %2</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>السبب</translation>
    </message>
</context>
<context>
    <name>PlatformRunPanel</name>
    <message>
        <source>— Starting %1 from %2 —</source>
        <translation>— تشغيل %1 من %2 —</translation>
    </message>
    <message>
        <source>— Running at %1 —</source>
        <translation>— تعمل على %1 —</translation>
    </message>
    <message>
        <source>— Stopped —</source>
        <translation>— توقفت —</translation>
    </message>
    <message>
        <source>%1 at %2 — API documents: %3</source>
        <translation>%1 على %2 — وثائق الواجهة البرمجية: %3</translation>
    </message>
    <message>
        <source>The platform stopped by itself (exit code %1).</source>
        <translation>توقفت المنصة من تلقاء نفسها (رمز الخروج %1).</translation>
    </message>
    <message>
        <source>The platform stopped by itself.</source>
        <translation>توقفت المنصة من تلقاء نفسها.</translation>
    </message>
    <message>
        <source>Generate the platform first to run it.</source>
        <translation>ولّد المنصة أولًا لتشغيلها.</translation>
    </message>
    <message>
        <source>Health: %1 (checked %2)</source>
        <translation>الفحص الصحي: %1 (آخر فحص %2)</translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation>الفحص الصحي: %1</translation>
    </message>
    <message>
        <source>Run &amp;locally</source>
        <translation>ت&amp;شغيل محليًا</translation>
    </message>
    <message>
        <source>Start the generated backend on a free loopback port with a SQLite database in its folder</source>
        <translation>تشغيل الخادم المولَّد على منفذ محلي شاغر بقاعدة بيانات SQLite في مجلده</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>إي&amp;قاف</translation>
    </message>
    <message>
        <source>O&amp;pen in browser</source>
        <translation>&amp;فتح في المتصفح</translation>
    </message>
    <message>
        <source>Cl&amp;ear log</source>
        <translation>مسح ا&amp;لسجل</translation>
    </message>
    <message>
        <source>Platform log</source>
        <translation>سجل المنصة</translation>
    </message>
    <message>
        <source>While it runs, the console asks the platform's /health address every few seconds.</source>
        <translation>تسأل وحدة التحكم عنوان المنصة ‎/health كل بضع ثوانٍ ما دامت تعمل.</translation>
    </message>
    <message>
        <source>Platform state</source>
        <translation>حالة المنصة</translation>
    </message>
    <message numerus="yes">
        <source>%Ln files are still in conflict; the platform may not start until they are resolved.</source>
        <translation>
            <numerusform>لا ملفات في تعارض؛ ويمكن أن تعمل المنصة.</numerusform>
            <numerusform>ما زال ملف واحد في تعارض؛ وقد لا تعمل المنصة حتى يُحسم.</numerusform>
            <numerusform>ما زال ملفان في تعارض؛ وقد لا تعمل المنصة حتى يُحسما.</numerusform>
            <numerusform>ما زالت %Ln ملفات في تعارض؛ وقد لا تعمل المنصة حتى تُحسم.</numerusform>
            <numerusform>ما زال %Ln ملفًا في تعارض؛ وقد لا تعمل المنصة حتى تُحسم.</numerusform>
            <numerusform>ما زال %Ln ملف في تعارض؛ وقد لا تعمل المنصة حتى تُحسم.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>L&amp;og (the last %Ln lines)</source>
        <translation>
            <numerusform>السجل (&amp;آخر الأسطر)</numerusform>
            <numerusform>السجل (&amp;آخر سطر)</numerusform>
            <numerusform>السجل (&amp;آخر سطرين)</numerusform>
            <numerusform>السجل (&amp;آخر %Ln أسطر)</numerusform>
            <numerusform>السجل (&amp;آخر %Ln سطرًا)</numerusform>
            <numerusform>السجل (&amp;آخر %Ln سطر)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>موافق</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>حفظ الكل</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;نعم</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>نعم لل&amp;كل</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;لا</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>لا للك&amp;ل</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>إنهاء</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>إعادة المحاولة</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>تجاهل</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>إهمال التغييرات</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>مساعدة</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>تطبيق</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>إعادة الضبط</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>استعادة الإعدادات الافتراضية</translation>
    </message>
</context>
<context>
    <name>ProposalCard</name>
    <message>
        <source>Decision</source>
        <translation>القرار</translation>
    </message>
    <message>
        <source>Proposal: a new platform, %1</source>
        <translation>مقترح: منصة جديدة، %1</translation>
    </message>
    <message>
        <source>Proposal for blueprint %1</source>
        <translation>مقترح للمخطط %1</translation>
    </message>
    <message>
        <source>Proposed by %1; nothing is applied until you accept.</source>
        <translation>اقترحه %1؛ لا يُطبَّق شيء حتى تقبله.</translation>
    </message>
    <message>
        <source>Intent:</source>
        <translation>المقصد:</translation>
    </message>
    <message>
        <source>Domain:</source>
        <translation>القطاع:</translation>
    </message>
    <message>
        <source>Frameworks:</source>
        <translation>الأطر التنظيمية:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>المنطقة:</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;قبول</translation>
    </message>
    <message>
        <source>Write this change as a new blueprint version, as you, under the constitution</source>
        <translation>اكتب هذا التعديل إصدارًا جديدًا من المخطط باسمك، وفق الدستور</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>ر&amp;فض</translation>
    </message>
    <message>
        <source>Discard this proposal; nothing changes</source>
        <translation>تجاهل هذا المقترح؛ لا يتغير شيء</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>إ&amp;غلاق</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>المقترح</translation>
    </message>
</context>
<context>
    <name>ProposalDiffView</name>
    <message>
        <source>The proposal changes nothing.</source>
        <translation>لا يغيّر المقترح شيئًا.</translation>
    </message>
    <message>
        <source>Changes proposed: %1</source>
        <translation>التغييرات المقترحة: %1</translation>
    </message>
    <message>
        <source>Proposed changes</source>
        <translation>التغييرات المقترحة</translation>
    </message>
</context>
<context>
    <name>RawView</name>
    <message>
        <source>&amp;Raw document</source>
        <translation>المستند ال&amp;خام</translation>
    </message>
    <message>
        <source>YAML</source>
        <translation>صيغة YAML</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>صيغة JSON</translation>
    </message>
    <message>
        <source>Show the document as YAML</source>
        <translation>عرض المستند بصيغة YAML</translation>
    </message>
    <message>
        <source>Show the document as JSON</source>
        <translation>عرض المستند بصيغة JSON</translation>
    </message>
    <message>
        <source>Raw document text</source>
        <translation>نص المستند الخام</translation>
    </message>
</context>
<context>
    <name>ReachField</name>
    <message>
        <source>Reach servers at: %1 is named twice.</source>
        <translation>الوصول إلى الخوادم عبر: ذُكر %1 مرتين.</translation>
    </message>
    <message>
        <source>Reach servers at: %1 is not SERVER=[USER@]HOST:PORT (for example %2).</source>
        <translation>الوصول إلى الخوادم عبر: %1 ليس بالصيغة SERVER=[USER@]HOST:PORT (مثلًا %2).</translation>
    </message>
    <message>
        <source>Reach servers &amp;at (optional; SERVER=[USER@]HOST:PORT, one per line or comma-separated)</source>
        <translation>الوصول إلى الخوادم &amp;عبر (اختياري؛ SERVER=[USER@]HOST:PORT، واحد في كل سطر أو مفصولة بفواصل)</translation>
    </message>
    <message>
        <source>Reach servers at</source>
        <translation>الوصول إلى الخوادم عبر</translation>
    </message>
    <message>
        <source>Open SSH to these servers at another address than their public one, such as a tunnel or a bastion</source>
        <translation>افتح SSH إلى هذه الخوادم على عنوان غير عنوانها العام، كنفق أو خادم عبور</translation>
    </message>
</context>
<context>
    <name>ReleaseLog</name>
    <message>
        <source>Set the database logins&apos; passwords</source>
        <translation>ضبط كلمات مرور حسابات قاعدة البيانات</translation>
    </message>
    <message>
        <source>Upload the release to %1</source>
        <translation>رفع الإصدار إلى %1</translation>
    </message>
    <message>
        <source>Install it on %1</source>
        <translation>تثبيته على %1</translation>
    </message>
    <message>
        <source>Write its settings on %1</source>
        <translation>كتابة إعداداته على %1</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>نسخ قاعدة البيانات احتياطيًا</translation>
    </message>
    <message>
        <source>Migrate the database</source>
        <translation>ترحيل قاعدة البيانات</translation>
    </message>
    <message>
        <source>Switch %1 to the release</source>
        <translation>تحويل %1 إلى الإصدار</translation>
    </message>
    <message>
        <source>Restart the platform on %1</source>
        <translation>إعادة تشغيل المنصة على %1</translation>
    </message>
    <message>
        <source>Check health on %1</source>
        <translation>فحص السلامة على %1</translation>
    </message>
    <message>
        <source>Switch %1 back to the release before</source>
        <translation>إعادة %1 إلى الإصدار السابق</translation>
    </message>
    <message>
        <source>under way…</source>
        <translation>جارٍ…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>تمّ</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>أخفق</translation>
    </message>
    <message>
        <source>Steps of the release deploy</source>
        <translation>خطوات نشر الإصدار</translation>
    </message>
    <message>
        <source>Migrate the database down</source>
        <translation>ترحيل قاعدة البيانات نزولاً</translation>
    </message>
    <message>
        <source>Restore the database backup</source>
        <translation>استعادة النسخة الاحتياطية لقاعدة البيانات</translation>
    </message>
    <message>
        <source>Stop the platform on %1</source>
        <translation>إيقاف المنصة على %1</translation>
    </message>
    <message>
        <source>Rehearse a restore in a scratch database</source>
        <translation>تمرين استعادة في قاعدة بيانات مؤقتة</translation>
    </message>
</context>
<context>
    <name>ReleaseTable</name>
    <message>
        <source>Not deployed here</source>
        <translation>لم يُنشر هنا</translation>
    </message>
    <message>
        <source>Deployed</source>
        <translation>نُشر</translation>
    </message>
    <message>
        <source>Switched back</source>
        <translation>أُعيد إلى السابق</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>أخفق</translation>
    </message>
    <message>
        <source>Running (another console)</source>
        <translation>جارٍ (وحدة تحكم أخرى)</translation>
    </message>
    <message>
        <source>Being deployed from here</source>
        <translation>يُنشر من هنا</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>انقطع</translation>
    </message>
    <message>
        <source>Runs now</source>
        <translation>يعمل الآن</translation>
    </message>
    <message>
        <source>Release %1, blueprint version %2, built %3 by %4; %5</source>
        <translation>الإصدار %1، إصدار المخطط %2، بُني %3 بيد %4؛ %5</translation>
    </message>
    <message>
        <source>Runs now.</source>
        <translation>يعمل الآن.</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>Blueprint</source>
        <translation>المخطط</translation>
    </message>
    <message>
        <source>Built</source>
        <translation>البناء</translation>
    </message>
    <message>
        <source>Built by</source>
        <translation>بناه</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>هنا</translation>
    </message>
    <message>
        <source>Last deploy here</source>
        <translation>آخر نشر هنا</translation>
    </message>
    <message>
        <source>Deployed by</source>
        <translation>نشره</translation>
    </message>
    <message>
        <source>Releases of the platform</source>
        <translation>إصدارات المنصة</translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation>أُرجع إليه</translation>
    </message>
</context>
<context>
    <name>ReleasesTab</name>
    <message>
        <source>Deploy &amp;approved release</source>
        <translation>انشر الإصدار ال&amp;موافق عليه</translation>
    </message>
    <message>
        <source>&amp;Deploy release</source>
        <translation>ا&amp;نشر الإصدار</translation>
    </message>
    <message>
        <source>Release %1 (blueprint version %2)</source>
        <translation>الإصدار %1 (إصدار المخطط %2)</translation>
    </message>
    <message>
        <source>Another console is deploying a release to this environment right now; Deploy waits until it is done.</source>
        <translation>وحدة تحكم أخرى تنشر إصدارًا على هذه البيئة الآن؛ ينتظر النشر حتى تنتهي.</translation>
    </message>
    <message>
        <source>No release of this platform is built yet: build one with &apos;webnova release build&apos;.</source>
        <translation>لم يُبنَ أي إصدار لهذه المنصة بعد: ابنِ واحدًا بالأمر ‎&apos;webnova release build&apos;‎.</translation>
    </message>
    <message>
        <source>No app server to check (checked %1).</source>
        <translation>لا خادم تطبيق لفحصه (فُحصت %1).</translation>
    </message>
    <message>
        <source>Healthy: %1 (checked %2).</source>
        <translation>سليمة: %1 (فُحصت %2).</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>; </source>
        <translation>؛ </translation>
    </message>
    <message>
        <source>Not healthy: %1 (checked %2).</source>
        <translation>غير سليمة: %1 (فُحصت %2).</translation>
    </message>
    <message>
        <source>Checking the health of %1…</source>
        <translation>جارٍ فحص سلامة %1…</translation>
    </message>
    <message>
        <source>Deploying release %1 to %2…</source>
        <translation>جارٍ نشر الإصدار %1 على %2…</translation>
    </message>
    <message>
        <source>Release %1 is deployed to %2.</source>
        <translation>نُشر الإصدار %1 على %2.</translation>
    </message>
    <message>
        <source>Release %1 was not healthy on %2 and was switched back: %3</source>
        <translation>لم يكن الإصدار %1 سليمًا على %2 فأُعيدت الخوادم إلى السابق: %3</translation>
    </message>
    <message>
        <source>The deploy of release %1 to %2 failed: %3</source>
        <translation>أخفق نشر الإصدار %1 على %2: %3</translation>
    </message>
    <message>
        <source>Nothing was deployed: %1 The running release was not touched.</source>
        <translation>لم يُنشر شيء: %1 لم يُمسّ الإصدار العامل.</translation>
    </message>
    <message>
        <source>The owner approved request %1: Deploy approved release deploys it.</source>
        <translation>وافق المالك على الطلب %1: «انشر الإصدار الموافق عليه» ينشره.</translation>
    </message>
    <message>
        <source>Waiting for the owner&apos;s approval (request %1).</source>
        <translation>في انتظار موافقة المالك (الطلب %1).</translation>
    </message>
    <message>
        <source>The owner rejected request %1: nothing was deployed.</source>
        <translation>رفض المالك الطلب %1: لم يُنشر شيء.</translation>
    </message>
    <message>
        <source>Request %1 expired before the owner decided: nothing was deployed.</source>
        <translation>انتهت مهلة الطلب %1 قبل أن يقرر المالك: لم يُنشر شيء.</translation>
    </message>
    <message>
        <source>Request %1 was withdrawn: nothing was deployed.</source>
        <translation>سُحب الطلب %1: لم يُنشر شيء.</translation>
    </message>
    <message>
        <source>The owner rejected request %1: nothing was rolled back.</source>
        <translation>رفض المالك الطلب %1: لم يُرجَع شيء.</translation>
    </message>
    <message>
        <source>Request %1 expired before the owner decided: nothing was rolled back.</source>
        <translation>انتهت مهلة الطلب %1 قبل أن يقرر المالك: لم يُرجَع شيء.</translation>
    </message>
    <message>
        <source>Request %1 was withdrawn: nothing was rolled back.</source>
        <translation>سُحب الطلب %1: لم يُرجَع شيء.</translation>
    </message>
    <message>
        <source>&amp;Release to deploy:</source>
        <translation>الإ&amp;صدار المراد نشره:</translation>
    </message>
    <message>
        <source>Put the chosen release on the environment&apos;s app servers; production waits for the owner&apos;s approval first</source>
        <translation>ضع الإصدار المختار على خوادم التطبيق في البيئة؛ بيئة الإنتاج تنتظر موافقة المالك أولًا</translation>
    </message>
    <message>
        <source>Check &amp;health</source>
        <translation>افحص ال&amp;سلامة</translation>
    </message>
    <message>
        <source>Ask each app server&apos;s proxy for the platform&apos;s health now; nothing is changed</source>
        <translation>اسأل وكيل كل خادم تطبيق عن سلامة المنصة الآن؛ لا يتغير شيء</translation>
    </message>
    <message>
        <source>&amp;Open Approvals</source>
        <translation>افتح &amp;الموافقات</translation>
    </message>
    <message>
        <source>Show the request in the Approvals pane</source>
        <translation>اعرض الطلب في لوحة الموافقات</translation>
    </message>
    <message>
        <source>Release deploy state</source>
        <translation>حال نشر الإصدار</translation>
    </message>
    <message>
        <source>Health of the environment</source>
        <translation>سلامة البيئة</translation>
    </message>
    <message>
        <source>Releases</source>
        <translation>الإصدارات</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>النسخ الاحتياطية</translation>
    </message>
    <message>
        <source>The owner approved request %1: Roll back (approved) rolls back.</source>
        <translation>وافق المالك على الطلب %1: «ارجع (موافق عليه)» يُجري الإرجاع.</translation>
    </message>
</context>
<context>
    <name>RequestParticulars</name>
    <message>
        <source>Why:</source>
        <translation>السبب:</translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation>القاعدة:</translation>
    </message>
    <message>
        <source>Approvers:</source>
        <translation>الموافِقون:</translation>
    </message>
    <message>
        <source>Requested by:</source>
        <translation>مقدّم الطلب:</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>ينتهي:</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>التفاصيل:</translation>
    </message>
    <message>
        <source>Votes:</source>
        <translation>الأصوات:</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>الطلب:</translation>
    </message>
    <message>
        <source>%1 (rule %2)</source>
        <translation>%1 (القاعدة %2)</translation>
    </message>
    <message>
        <source>No rule named</source>
        <translation>لم تُذكر قاعدة</translation>
    </message>
    <message>
        <source>The requester may approve.</source>
        <translation>يجوز لمقدّم الطلب الموافقة.</translation>
    </message>
    <message>
        <source>The requester may not approve.</source>
        <translation>لا يجوز لمقدّم الطلب الموافقة.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 في %2</translation>
    </message>
    <message>
        <source>%1, on %2</source>
        <translation>%1، في %2</translation>
    </message>
    <message>
        <source>%1 — now %2</source>
        <translation>%1 — الآن %2</translation>
    </message>
    <message>
        <source>%1 approved: %2</source>
        <translation>وافق %1: %2</translation>
    </message>
    <message>
        <source>%1 rejected: %2</source>
        <translation>رفض %1: %2</translation>
    </message>
    <message>
        <source>No votes yet</source>
        <translation>لا أصوات بعد</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %2 of %Ln approvals so far</source>
        <translation>
            <numerusform>%1 — %2 من %Ln موافقة حتى الآن</numerusform>
            <numerusform>%1 — %2 من موافقة واحدة حتى الآن</numerusform>
            <numerusform>%1 — %2 من موافقتين حتى الآن</numerusform>
            <numerusform>%1 — %2 من %Ln موافقات حتى الآن</numerusform>
            <numerusform>%1 — %2 من %Ln موافقةً حتى الآن</numerusform>
            <numerusform>%1 — %2 من %Ln موافقة حتى الآن</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewListModel</name>
    <message>
        <source>When</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>المحرّك</translation>
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
    <name>SuggestionsPane</name>
    <message>
        <source>Choose a blueprint to review.</source>
        <translation>اختر مخططًا لمراجعته.</translation>
    </message>
    <message>
        <source>Reviewing…</source>
        <translation>جارٍ المراجعة…</translation>
    </message>
    <message>
        <source>Review done.</source>
        <translation>اكتملت المراجعة.</translation>
    </message>
    <message>
        <source>Preparing the proposal…</source>
        <translation>جارٍ إعداد المقترح…</translation>
    </message>
    <message>
        <source>The proposal is on the card: accept or reject it.</source>
        <translation>المقترح في البطاقة: اقبله أو ارفضه.</translation>
    </message>
    <message>
        <source>That did not work. %1</source>
        <translation>لم ينجح ذلك. %1</translation>
    </message>
    <message>
        <source>No review shown. Run a review of the chosen blueprint.</source>
        <translation>لا مراجعة معروضة. شغّل مراجعة للمخطط المختار.</translation>
    </message>
    <message>
        <source>Review of version %1 by %2</source>
        <translation>مراجعة الإصدار %1 بواسطة %2</translation>
    </message>
    <message>
        <source>%1 of 100</source>
        <translation>%1 من ١٠٠</translation>
    </message>
    <message>
        <source>Can be proposed</source>
        <translation>يمكن اقتراحه</translation>
    </message>
    <message>
        <source>%1: score %2 of 100</source>
        <translation>%1: الدرجة %2 من ١٠٠</translation>
    </message>
    <message>
        <source>This suggestion carries no change to propose.</source>
        <translation>لا يحمل هذا الاقتراح تعديلًا يمكن اقتراحه.</translation>
    </message>
    <message>
        <source>&amp;Review this blueprint</source>
        <translation>&amp;راجع هذا المخطط</translation>
    </message>
    <message>
        <source>Security, performance, compliance and best practice, each with a score</source>
        <translation>الأمان والأداء والامتثال وأفضل الممارسات، لكلٍّ منها درجة</translation>
    </message>
    <message>
        <source>&amp;Propose this change</source>
        <translation>اقترح &amp;هذا التعديل</translation>
    </message>
    <message>
        <source>Pa&amp;st reviews</source>
        <translation>المراجعات ال&amp;سابقة</translation>
    </message>
    <message>
        <source>Category and suggestion</source>
        <translation>الفئة والاقتراح</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>الدرجة</translation>
    </message>
    <message>
        <source>Suggestions by category</source>
        <translation>الاقتراحات حسب الفئة</translation>
    </message>
    <message>
        <source>Past reviews</source>
        <translation>المراجعات السابقة</translation>
    </message>
    <message>
        <source>Reviewing</source>
        <translation>جارٍ المراجعة</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Describe a new platform or a change to the chosen blueprint; the answer appears here as it is written.</source>
        <translation>صِف منصة جديدة أو تعديلًا على المخطط المختار؛ تظهر الإجابة هنا أثناء كتابتها.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>أنت</translation>
    </message>
    <message>
        <source>Assistant · %1 · %2</source>
        <translation>المساعد · %1 · %2</translation>
    </message>
    <message>
        <source>%1 accepted it: blueprint %2 is now version %3</source>
        <translation>قبله %1: المخطط %2 الآن في الإصدار %3</translation>
    </message>
    <message>
        <source>%1 rejected it; nothing changed</source>
        <translation>رفضه %1؛ لم يتغير شيء</translation>
    </message>
    <message numerus="yes">
        <source>Proposal for %1 (%Ln operations)</source>
        <translation>
            <numerusform>مقترح للمخطط %1 (لا عمليات)</numerusform>
            <numerusform>مقترح للمخطط %1 (عملية واحدة)</numerusform>
            <numerusform>مقترح للمخطط %1 (عمليتان)</numerusform>
            <numerusform>مقترح للمخطط %1 (%Ln عمليات)</numerusform>
            <numerusform>مقترح للمخطط %1 (%Ln عمليةً)</numerusform>
            <numerusform>مقترح للمخطط %1 (%Ln عملية)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserChangeDialog</name>
    <message>
        <source>Give a reason.</source>
        <translation>اذكر السبب.</translation>
    </message>
    <message>
        <source>Enter the new user&apos;s id.</source>
        <translation>أدخل معرّف المستخدم الجديد.</translation>
    </message>
    <message>
        <source>Enter the new user&apos;s name.</source>
        <translation>أدخل اسم المستخدم الجديد.</translation>
    </message>
    <message>
        <source>Choose a role other than the current one.</source>
        <translation>اختر دورًا غير الدور الحالي.</translation>
    </message>
    <message>
        <source>The permissions are unchanged.</source>
        <translation>لم تتغير الصلاحيات.</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>إضافة مستخدم</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>إ&amp;ضافة مستخدم</translation>
    </message>
    <message>
        <source>The new user can sign in to this workspace with the role you choose.</source>
        <translation>يستطيع المستخدم الجديد الدخول إلى مساحة العمل هذه بالدور الذي تختاره.</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>تغيير الدور</translation>
    </message>
    <message>
        <source>&amp;Change role</source>
        <translation>&amp;تغيير الدور</translation>
    </message>
    <message>
        <source>Give %1 another role.</source>
        <translation>امنح %1 دورًا آخر.</translation>
    </message>
    <message>
        <source>Suspend user</source>
        <translation>إيقاف مستخدم</translation>
    </message>
    <message>
        <source>&amp;Suspend</source>
        <translation>إي&amp;قاف</translation>
    </message>
    <message>
        <source>While suspended, every action of %1 is refused. You can reactivate the account later.</source>
        <translation>خلال الإيقاف يُرفض كل إجراء يقوم به %1. يمكنك إعادة تفعيل الحساب لاحقًا.</translation>
    </message>
    <message>
        <source>Ban user</source>
        <translation>حظر مستخدم</translation>
    </message>
    <message>
        <source>&amp;Ban</source>
        <translation>ح&amp;ظر</translation>
    </message>
    <message>
        <source>Banning %1 refuses all their actions. Under the constitution this may need the root owner&apos;s approval.</source>
        <translation>حظر %1 يرفض كل إجراءاته. قد يحتاج ذلك وفق الدستور إلى موافقة المالك الأعلى.</translation>
    </message>
    <message>
        <source>Reactivate user</source>
        <translation>إعادة تفعيل مستخدم</translation>
    </message>
    <message>
        <source>Reac&amp;tivate</source>
        <translation>إعادة ت&amp;فعيل</translation>
    </message>
    <message>
        <source>%1 will be able to act again.</source>
        <translation>سيتمكن %1 من العمل مجددًا.</translation>
    </message>
    <message>
        <source>Custom permissions</source>
        <translation>صلاحيات مخصصة</translation>
    </message>
    <message>
        <source>&amp;Save permissions</source>
        <translation>&amp;حفظ الصلاحيات</translation>
    </message>
    <message>
        <source>Permissions of %1 beyond or below the role %2. Ticked: held.</source>
        <translation>صلاحيات %1 زيادةً على الدور %2 أو نقصًا منه. المحدَّد: ممنوح.</translation>
    </message>
    <message>
        <source>Transfer root</source>
        <translation>نقل صلاحية المالك الأعلى</translation>
    </message>
    <message>
        <source>&amp;Transfer root</source>
        <translation>&amp;نقل صلاحية المالك الأعلى</translation>
    </message>
    <message>
        <source>Hand the root owner role to %1. You become an administrator. This needs your signed approval.</source>
        <translation>نقل دور المالك الأعلى إلى %1. ستصبح مسؤولًا. يحتاج هذا إلى موافقتك الموقّعة.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>User &amp;id:</source>
        <translation>&amp;معرّف المستخدم:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>الا&amp;سم:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>ال&amp;دور:</translation>
    </message>
    <message>
        <source>&amp;Permissions:</source>
        <translation>ال&amp;صلاحيات:</translation>
    </message>
    <message>
        <source>R&amp;eason (required):</source>
        <translation>ال&amp;سبب (مطلوب):</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>ال&amp;سبب:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>%1 (from the role)</source>
        <translation>%1 (من الدور)</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>بواسطة</translation>
    </message>
    <message>
        <source>Custom permissions</source>
        <translation>صلاحيات مخصصة</translation>
    </message>
    <message>
        <source>You</source>
        <translation>أنت</translation>
    </message>
</context>
<context>
    <name>UsersPane</name>
    <message>
        <source>The users could not be loaded. %1</source>
        <translation>تعذّر تحميل المستخدمين. %1</translation>
    </message>
    <message>
        <source>Waiting for approval: %1 (request %2). It is carried out once approved.</source>
        <translation>بانتظار الموافقة: %1 (الطلب %2). يُنفَّذ بعد الموافقة عليه.</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>تم: %1</translation>
    </message>
    <message>
        <source>Approved and done: %1 (request %2)</source>
        <translation>تمت الموافقة والتنفيذ: %1 (الطلب %2)</translation>
    </message>
    <message>
        <source>Rejected, nothing changed: %1 (request %2)</source>
        <translation>رُفض ولم يتغير شيء: %1 (الطلب %2)</translation>
    </message>
    <message>
        <source>Withdrawn, nothing changed: %1 (request %2)</source>
        <translation>سُحب، لم يتغير شيء: %1 (الطلب %2)</translation>
    </message>
    <message>
        <source>Expired, nothing changed: %1 (request %2)</source>
        <translation>انتهت الصلاحية ولم يتغير شيء: %1 (الطلب %2)</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>لا توجد مساحة عمل مفتوحة.</translation>
    </message>
    <message>
        <source>You are %1 (%2). Changes go to the constitution, which may ask the owner to approve them.</source>
        <translation>أنت %1 (%2). تُعرض التغييرات على الدستور، وقد يطلب موافقة المالك عليها.</translation>
    </message>
    <message>
        <source>You are %1 (%2): you can see the users but not change them.</source>
        <translation>أنت %1 (%2): يمكنك رؤية المستخدمين دون تغييرهم.</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>المستخدمون</translation>
    </message>
    <message>
        <source>Add &amp;user…</source>
        <translation>إضافة &amp;مستخدم…</translation>
    </message>
    <message>
        <source>Change &amp;role…</source>
        <translation>تغيير ال&amp;دور…</translation>
    </message>
    <message>
        <source>&amp;Suspend…</source>
        <translation>إي&amp;قاف…</translation>
    </message>
    <message>
        <source>&amp;Ban…</source>
        <translation>ح&amp;ظر…</translation>
    </message>
    <message>
        <source>Reac&amp;tivate…</source>
        <translation>إعادة ت&amp;فعيل…</translation>
    </message>
    <message>
        <source>&amp;Permissions…</source>
        <translation>ال&amp;صلاحيات…</translation>
    </message>
    <message>
        <source>Transfer r&amp;oot…</source>
        <translation>نقل صلاحية المالك الأ&amp;على…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>ت&amp;حديث</translation>
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
<context>
    <name>AuditTexts</name>
    <message>
        <source>Cloud account removed</source>
        <translation>أُزيل حساب سحابي</translation>
    </message>
    <message>
        <source>Cloud account added</source>
        <translation>أُضيف حساب سحابي</translation>
    </message>
    <message>
        <source>Approval requested</source>
        <translation>طُلبت الموافقة</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>وُوفق عليه</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>رُفض</translation>
    </message>
    <message>
        <source>Request withdrawn</source>
        <translation>سُحب الطلب</translation>
    </message>
    <message>
        <source>Request expired</source>
        <translation>انتهت مهلة الطلب</translation>
    </message>
    <message>
        <source>User banned</source>
        <translation>حُظر مستخدم</translation>
    </message>
    <message>
        <source>User suspended</source>
        <translation>أُوقف مستخدم</translation>
    </message>
    <message>
        <source>User reactivated</source>
        <translation>أُعيد تفعيل مستخدم</translation>
    </message>
    <message>
        <source>User added</source>
        <translation>أُضيف مستخدم</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>تغيّر دور</translation>
    </message>
    <message>
        <source>Permissions changed</source>
        <translation>تغيّرت الصلاحيات</translation>
    </message>
    <message>
        <source>Signing key retired</source>
        <translation>أُحيل مفتاح التوقيع</translation>
    </message>
    <message>
        <source>Signing key revoked</source>
        <translation>أُلغي مفتاح التوقيع</translation>
    </message>
    <message>
        <source>Root owner handed over</source>
        <translation>سُلّم دور المالك الأعلى</translation>
    </message>
    <message>
        <source>Constitution changed</source>
        <translation>تغيّر الدستور</translation>
    </message>
    <message>
        <source>Platform generated</source>
        <translation>وُلّدت المنصة</translation>
    </message>
    <message>
        <source>Platform rolled back</source>
        <translation>استُرجعت المنصة</translation>
    </message>
    <message>
        <source>Generated despite failed checks</source>
        <translation>وُلّدت رغم إخفاق الفحوص</translation>
    </message>
    <message>
        <source>Platform started</source>
        <translation>شُغّلت المنصة</translation>
    </message>
    <message>
        <source>Platform stopped</source>
        <translation>أُوقفت المنصة</translation>
    </message>
    <message>
        <source>AI proposal accepted</source>
        <translation>قُبل اقتراح الذكاء الاصطناعي</translation>
    </message>
    <message>
        <source>AI proposal rejected</source>
        <translation>رُفض اقتراح الذكاء الاصطناعي</translation>
    </message>
    <message>
        <source>AI request refused</source>
        <translation>رُفض طلب الذكاء الاصطناعي</translation>
    </message>
    <message>
        <source>Action checked</source>
        <translation>فُحص الإجراء</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>نشر</translation>
    </message>
    <message>
        <source>Infrastructure destroyed</source>
        <translation>أُزيلت البنية التحتية</translation>
    </message>
    <message>
        <source>Budget raised</source>
        <translation>رُفعت الميزانية</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>تم</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>فشل</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>بانتظار الموافقة</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>انتهت مهلته</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>مسحوب</translation>
    </message>
    <message>
        <source>Done, with conflicts</source>
        <translation>تم مع تعارضات</translation>
    </message>
    <message>
        <source>Command: %1</source>
        <translation>أمر: %1</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>مسموح به</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>ممنوع</translation>
    </message>
    <message>
        <source>Needs approval</source>
        <translation>يحتاج إلى موافقة</translation>
    </message>
</context>
<context>
    <name>PlatformsModel</name>
    <message>
        <source>Version</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>From version %1 (%2)</source>
        <translation>من الإصدار %1 (%2)</translation>
    </message>
    <message>
        <source>From version %1 (%2): behind the blueprint</source>
        <translation>من الإصدار %1 (%2): أقدم من المخطط</translation>
    </message>
    <message>
        <source>Its folder cannot be read: %1</source>
        <translation>تعذّرت قراءة مجلدها: %1</translation>
    </message>
    <message>
        <source>Not generated yet</source>
        <translation>لم تُولَّد بعد</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1، بواسطة %2</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>الشيفرة المولَّدة</translation>
    </message>
    <message>
        <source>Last saved</source>
        <translation>آخر حفظ</translation>
    </message>
    <message>
        <source>Blueprint</source>
        <translation>المخطط</translation>
    </message>
</context>
<context>
    <name>HomePane</name>
    <message>
        <source>%1 since then, not yet verified.</source>
        <translation>و%1 بعدها لم يُتحقَّق منها بعد.</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>&amp;تحقق من السلسلة</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>الموافقات</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>الرئيسية</translation>
    </message>
    <message>
        <source>No request waits for a decision.</source>
        <translation>لا طلب ينتظر قرارًا.</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>لا توجد مساحة عمل مفتوحة.</translation>
    </message>
    <message>
        <source>The chain could not be verified. %1</source>
        <translation>تعذّر التحقق من السلسلة. %1</translation>
    </message>
    <message>
        <source>Requests waiting for a decision</source>
        <translation>طلبات بانتظار قرار</translation>
    </message>
    <message>
        <source>Platforms: blueprints and their generated code</source>
        <translation>المنصات: المخططات وشيفرتها المولَّدة</translation>
    </message>
    <message>
        <source>Check every entry&apos;s hash, link and signature (Ctrl+Shift+V)</source>
        <translation>افحص تجزئة كل قيد وارتباطه وتوقيعه (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <source>Open Au&amp;dit Log</source>
        <translation>افتح سجل ال&amp;تدقيق</translation>
    </message>
    <message>
        <source>Open &amp;Approvals</source>
        <translation>افتح ال&amp;موافقات</translation>
    </message>
    <message>
        <source>Go to &amp;Blueprints</source>
        <translation>انتقل إلى ال&amp;مخططات</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>المنصات</translation>
    </message>
    <message>
        <source>Chain broken at entry %1: %2</source>
        <translation>السلسلة مكسورة عند القيد %1: %2</translation>
    </message>
    <message>
        <source>Chain intact: %1 checked, hashes and signatures.</source>
        <translation>السلسلة سليمة: فُحص %1، التجزئات والتواقيع.</translation>
    </message>
    <message>
        <source>The chain has not been verified in this session.</source>
        <translation>لم يُتحقَّق من السلسلة في هذه الجلسة.</translation>
    </message>
    <message>
        <source>Verifying the chain…</source>
        <translation>جارٍ التحقق من السلسلة…</translation>
    </message>
    <message>
        <source>%1. The newest, number %2, at %3 by %4: %5.</source>
        <translation>%1. أحدثها رقم %2، في %3 بواسطة %4: %5.</translation>
    </message>
    <message>
        <source>The audit log is empty.</source>
        <translation>سجل التدقيق فارغ.</translation>
    </message>
    <message>
        <source>Reading the audit log needs the permission %1.</source>
        <translation>قراءة سجل التدقيق تحتاج إلى الصلاحية %1.</translation>
    </message>
    <message>
        <source>…and %1 more</source>
        <translation>…و%1 غيرها</translation>
    </message>
    <message>
        <source>%1 asks: %2 (expires %3)</source>
        <translation>يطلب %1: %2 (ينتهي %3)</translation>
    </message>
    <message>
        <source>%1 waiting for a decision:</source>
        <translation>%1 بانتظار قرار:</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>No blueprint yet. A platform starts as a blueprint: create one from a domain template.</source>
        <translation>لا مخططات بعد. تبدأ كل منصة بمخطط: أنشئ واحدًا من قالب مجال.</translation>
    </message>
    <message>
        <source>Workspace %1 · %2</source>
        <translation>مساحة العمل %1 · %2</translation>
    </message>
    <message>
        <source>The overview could not be loaded. %1</source>
        <translation>تعذّر تحميل النظرة العامة. %1</translation>
    </message>
</context>
<context>
    <name>AddAccountDialog</name>
    <message>
        <source>kept only in this computer&apos;s keyring</source>
        <translation>يُحفظ في حلقة مفاتيح هذا الحاسوب فقط</translation>
    </message>
    <message>
        <source>e.g. main</source>
        <translation>مثلًا: main</translation>
    </message>
    <message>
        <source>Paste the API token of the cloud project, or choose a sandbox.</source>
        <translation>الصق رمز الواجهة البرمجية لمشروع السحابة، أو اختر صندوق التجربة.</translation>
    </message>
    <message>
        <source>Give the account a name.</source>
        <translation>أعطِ الحساب اسمًا.</translation>
    </message>
    <message>
        <source>Add a cloud account</source>
        <translation>إضافة حساب سحابي</translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation>&amp;رمز الواجهة البرمجية:</translation>
    </message>
    <message>
        <source>&amp;Sandbox: a simulated cloud on this computer (no token, nothing billed)</source>
        <translation>&amp;صندوق تجربة: سحابة محاكاة على هذا الحاسوب (دون رمز، ولا فوترة)</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>ال&amp;مزوّد:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>الا&amp;سم:</translation>
    </message>
</context>
<context>
    <name>CloudAccountsBox</name>
    <message>
        <source>why remove it (required)</source>
        <translation>سبب الإزالة (مطلوب)</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>جارٍ العمل…</translation>
    </message>
    <message>
        <source>Why the account is removed</source>
        <translation>سبب إزالة الحساب</translation>
    </message>
    <message>
        <source>The token of %1 is valid. %2</source>
        <translation>رمز %1 صالح. %2</translation>
    </message>
    <message>
        <source>The provider reports no rate limit.</source>
        <translation>لا يذكر المزوّد حدًّا لمعدل الطلبات.</translation>
    </message>
    <message>
        <source>Say why the account is removed (it is recorded and shown to approvers).</source>
        <translation>اذكر سبب إزالة الحساب (يُسجَّل ويُعرض على الموافقين).</translation>
    </message>
    <message>
        <source>Removing %1 waits for approval: request %2. Decide it under Approvals.</source>
        <translation>إزالة %1 بانتظار الموافقة: الطلب %2. قرّر فيه من «الموافقات».</translation>
    </message>
    <message>
        <source>Removed %1 and its token; nothing in the cloud was touched.</source>
        <translation>أُزيل %1 ورمزه؛ ولم يُمسّ شيء في السحابة.</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>إ&amp;زالة</translation>
    </message>
    <message>
        <source>Cloud accounts of this workspace</source>
        <translation>الحسابات السحابية لمساحة العمل هذه</translation>
    </message>
    <message>
        <source>Cloud accounts</source>
        <translation>الحسابات السحابية</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>&amp;فحص</translation>
    </message>
    <message>
        <source>Added %1. %2</source>
        <translation>أُضيف %1. %2</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>إ&amp;ضافة…</translation>
    </message>
    <message>
        <source>%1 of %2 requests left this hour.</source>
        <translation>بقي %1 من %2 طلب في هذه الساعة.</translation>
    </message>
</context>
<context>
    <name>CloudAccountsModel</name>
    <message>
        <source>Sandbox (simulated, nothing billed)</source>
        <translation>صندوق تجربة (محاكاة، دون فوترة)</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>المزوّد</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>أُضيف</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>حساب</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1، بواسطة %2</translation>
    </message>
</context>
<context>
    <name>ApplyPanel</name>
    <message>
        <source>&amp;Cancel</source>
        <translation>إل&amp;غاء</translation>
    </message>
    <message>
        <source>&amp;Open Approvals</source>
        <translation>افتح &amp;الموافقات</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>أعد الم&amp;حاولة</translation>
    </message>
    <message>
        <source>Deployment state</source>
        <translation>حالة النشر</translation>
    </message>
    <message>
        <source>Go on from the step the console was at when it stopped</source>
        <translation>تابع من الخطوة التي كانت وحدة التحكم عندها حين توقفت</translation>
    </message>
    <message>
        <source>Plan the way back to the state applied before; review it, then apply it</source>
        <translation>خطة للعودة إلى الحال المطبّقة من قبل؛ راجعها ثم طبّقها</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;تابِع</translation>
    </message>
    <message>
        <source>Roll &amp;back</source>
        <translation>ا&amp;رجع</translation>
    </message>
    <message>
        <source>Run the failed step again and go on</source>
        <translation>شغّل الخطوة التي أخفقت مرة أخرى وتابع</translation>
    </message>
    <message>
        <source>Show the request in the Approvals pane</source>
        <translation>اعرض الطلب في لوحة الموافقات</translation>
    </message>
    <message>
        <source>Steps done</source>
        <translation>الخطوات المنجزة</translation>
    </message>
    <message>
        <source>Steps done: %1 of %2</source>
        <translation>الخطوات المنجزة: %1 من %2</translation>
    </message>
    <message>
        <source>Steps of the deployment</source>
        <translation>خطوات النشر</translation>
    </message>
    <message>
        <source>Stop after the step under way; nothing is left half-made</source>
        <translation>توقّف بعد الخطوة الجارية؛ لا يبقى شيء نصف منجز</translation>
    </message>
    <message>
        <source>done</source>
        <translation>تمّت</translation>
    </message>
    <message>
        <source>done (found, made by an earlier try)</source>
        <translation>تمّت (وُجد المورد، أنشأته محاولة سابقة)</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>أخفقت</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>تُخطّيت</translation>
    </message>
    <message>
        <source>under way…</source>
        <translation>جارية…</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>في الانتظار</translation>
    </message>
</context>
<context>
    <name>ConfirmDataDialog</name>
    <message>
        <source>&amp;Delete the data too</source>
        <translation>ا&amp;حذف البيانات أيضًا</translation>
    </message>
    <message>
        <source>Delete the data for good</source>
        <translation>حذف البيانات نهائيًا</translation>
    </message>
    <message>
        <source>This deletes the volumes of %1 and the data on them, for good. Type %1 to confirm:</source>
        <translation>سيؤدي هذا إلى حذف مجلدات التخزين في %1 والبيانات التي عليها نهائيًا. اكتب %1 للتأكيد:</translation>
    </message>
    <message>
        <source>Type %1 to confirm</source>
        <translation>اكتب %1 للتأكيد</translation>
    </message>
</context>
<context>
    <name>Deploying</name>
    <message>
        <source>Deployment #%1 is being applied by another console right now; this one waits until it is done.</source>
        <translation>تُطبِّق وحدة تحكم أخرى النشر رقم %1 الآن؛ تنتظر هذه حتى ينتهي.</translation>
    </message>
    <message>
        <source>Appl&amp;y</source>
        <translation>&amp;طبّق</translation>
    </message>
    <message>
        <source>Appl&amp;y approved plan</source>
        <translation>&amp;طبّق الخطة الموافق عليها</translation>
    </message>
    <message>
        <source>Applied to %1 (steps done: %2).</source>
        <translation>طُبّقت على %1 (الخطوات المنجزة: %2).</translation>
    </message>
    <message>
        <source>Apply a plan that destroys data</source>
        <translation>تطبيق خطة تُتلف بيانات</translation>
    </message>
    <message>
        <source>Apply and &amp;delete the data</source>
        <translation>طبّق وا&amp;حذف البيانات</translation>
    </message>
    <message>
        <source>Apply the plan on screen; production and destroy plans wait for the owner's approval first</source>
        <translation>طبّق الخطة المعروضة؛ خطط الإنتاج والإزالة تنتظر موافقة المالك أولًا</translation>
    </message>
    <message>
        <source>Applying %1: step %2 of %3.</source>
        <translation>جارٍ التطبيق على %1: الخطوة %2 من %3.</translation>
    </message>
    <message>
        <source>Cancelled between steps (steps done: %1). Plan again to see what is left.</source>
        <translation>أُلغي التطبيق بين خطوتين (الخطوات المنجزة: %1). ضع خطة جديدة لترى ما بقي.</translation>
    </message>
    <message>
        <source>Cancelling after the step under way…</source>
        <translation>يُلغى التطبيق بعد الخطوة الجارية…</translation>
    </message>
    <message>
        <source>Check &amp;drift</source>
        <translation>افحص الان&amp;حراف</translation>
    </message>
    <message>
        <source>Checking the plan against the cloud, then applying it to %1…</source>
        <translation>جارٍ التحقق من الخطة مقابل السحابة، ثم تطبيقها على %1…</translation>
    </message>
    <message>
        <source>Compare the cloud with what was last applied (reads the cloud account)</source>
        <translation>قارن السحابة بما طُبّق آخر مرة (يقرأ حساب السحابة)</translation>
    </message>
    <message>
        <source>Deployment #%1 stopped at step %2: %3</source>
        <translation>توقف النشر رقم %1 عند الخطوة %2: %3</translation>
    </message>
    <message>
        <source>Deployment #%1 was interrupted (the console stopped during a step). Resume it: what the step made is found by its labels, nothing is made twice.</source>
        <translation>انقطع النشر رقم %1 (توقفت وحدة التحكم أثناء خطوة). تابِعه: يُعثر على ما أنشأته الخطوة بوسومه، ولا يُنشأ شيء مرتين.</translation>
    </message>
    <message>
        <source>Destroy e&amp;nvironment…</source>
        <translation>أ&amp;زِل البيئة…</translation>
    </message>
    <message>
        <source>Drift</source>
        <translation>الانحراف</translation>
    </message>
    <message>
        <source>Going on with %1 from its journal…</source>
        <translation>جارٍ متابعة %1 من سجلّه…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Plan the deletion of the environment's resources; applied with the owner's approval</source>
        <translation>خطة لحذف موارد البيئة؛ تُطبّق بموافقة المالك</translation>
    </message>
    <message>
        <source>Request %1 expired before the owner decided: nothing was applied.</source>
        <translation>انتهت مهلة الطلب %1 قبل أن يقرر المالك: لم يُطبّق شيء.</translation>
    </message>
    <message>
        <source>Request %1 was withdrawn: nothing was applied.</source>
        <translation>سُحب الطلب %1: لم يُطبّق شيء.</translation>
    </message>
    <message>
        <source>Request appro&amp;val</source>
        <translation>اطلب الم&amp;وافقة</translation>
    </message>
    <message>
        <source>Some steps of this plan delete %1 with its data, for good. Apply it?</source>
        <translation>بعض خطوات هذه الخطة تحذف %1 مع بياناته نهائيًا. أتطبّقها؟</translation>
    </message>
    <message>
        <source>Stopped at step %1: %2</source>
        <translation>توقف عند الخطوة %1: %2</translation>
    </message>
    <message>
        <source>The owner approved request %1: Apply approved plan applies it.</source>
        <translation>وافق المالك على الطلب %1: «طبّق الخطة الموافق عليها» يطبّقها.</translation>
    </message>
    <message>
        <source>The owner rejected request %1: nothing was applied.</source>
        <translation>رفض المالك الطلب %1 ولم يوافق عليه: لم يُطبّق شيء.</translation>
    </message>
    <message>
        <source>Waiting for the owner's approval (request %1).</source>
        <translation>في انتظار موافقة المالك (الطلب %1).</translation>
    </message>
</context>
<context>
    <name>DeploymentHistory</name>
    <message>
        <source>#</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 من %2</translation>
    </message>
    <message>
        <source>By</source>
        <translation>بواسطة</translation>
    </message>
    <message>
        <source>Deployment %1: %2, %3, steps done: %4, by %5, %6</source>
        <translation>النشر %1: %2، %3، الخطوات المنجزة: %4، بواسطة %5، %6</translation>
    </message>
    <message>
        <source>Deployments of the environment</source>
        <translation>عمليات نشر البيئة</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Nothing has been deployed to this environment yet.</source>
        <translation>لم يُنشر شيء في هذه البيئة بعد.</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>الخطة</translation>
    </message>
    <message>
        <source>Plan the way back to the state this deployment applied; review it, then apply it</source>
        <translation>خطة للعودة إلى الحال التي طبّقها هذا النشر؛ راجعها ثم طبّقها</translation>
    </message>
    <message>
        <source>Roll back &amp;to this</source>
        <translation>ارجع إلى &amp;هذا</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>البدء</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>الخطوات</translation>
    </message>
    <message>
        <source>apply</source>
        <translation>تطبيق</translation>
    </message>
    <message>
        <source>destroy</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>rollback</source>
        <translation>استرجاع</translation>
    </message>
</context>
<context>
    <name>DestroyDialog</name>
    <message>
        <source>&amp;Plan the destroy</source>
        <translation>&amp;ضع خطة الإزالة</translation>
    </message>
    <message>
        <source>Also delete the &amp;volumes (the data)</source>
        <translation>احذف &amp;مجلدات التخزين أيضًا (البيانات)</translation>
    </message>
    <message>
        <source>Destroy environment</source>
        <translation>إزالة البيئة</translation>
    </message>
    <message>
        <source>Plan the deletion of every resource of %1 in the cloud: servers, addresses, network, firewall, load balancer. The plan is shown for review first and is applied only with the owner's approval.</source>
        <translation>خطة لحذف كل موارد %1 في السحابة: الخوادم والعناوين والشبكة وجدار الحماية وموازن الأحمال. تُعرض الخطة للمراجعة أولًا ولا تُطبّق إلا بموافقة المالك.</translation>
    </message>
    <message>
        <source>Without this, the volumes and the data on them are kept</source>
        <translation>من دون هذا تبقى مجلدات التخزين والبيانات التي عليها</translation>
    </message>
</context>
<context>
    <name>DriftView</name>
    <message>
        <source>Drift outside the console — changes: %1; resources concerned: %2. A new plan mends it.</source>
        <translation>انحراف خارج وحدة التحكم — التغييرات: %1؛ الموارد المعنية: %2. خطة جديدة تصلحه.</translation>
    </message>
    <message>
        <source>No drift: the environment is as it was last applied.</source>
        <translation>لا انحراف: البيئة كما طُبّقت آخر مرة.</translation>
    </message>
    <message>
        <source>Not checked yet. Check drift compares the cloud with what was last applied (it reads the cloud account).</source>
        <translation>لم يُفحص بعد. «افحص الانحراف» يقارن السحابة بما طُبّق آخر مرة (ويقرأ حساب السحابة).</translation>
    </message>
    <message>
        <source>What drifted</source>
        <translation>ما انحرف</translation>
    </message>
</context>
<context>
    <name>RollbackButton</name>
    <message>
        <source>Roll back (&amp;approved)</source>
        <translation>ارجع (&amp;موافق عليه)</translation>
    </message>
    <message>
        <source>Roll &amp;back…</source>
        <translation>ا&amp;رجع…</translation>
    </message>
    <message>
        <source>no migration ran since, the database was not touched.</source>
        <translation>لم يجرِ أي ترحيل منذئذ، ولم تُمسّ قاعدة البيانات.</translation>
    </message>
    <message>
        <source>the database was migrated down.</source>
        <translation>رُحّلت قاعدة البيانات نزولاً.</translation>
    </message>
    <message>
        <source>the database backup was restored.</source>
        <translation>استُعيدت النسخة الاحتياطية لقاعدة البيانات.</translation>
    </message>
    <message>
        <source>The rollback of %1 to release %2 failed: %3</source>
        <translation>فشل إرجاع %1 إلى الإصدار %2: %3</translation>
    </message>
    <message>
        <source>Release %1 was not healthy on %2 after the rollback, so %2 went back to release %3: %4</source>
        <translation>لم يكن الإصدار %1 سليماً على %2 بعد الإرجاع، فعاد %2 إلى الإصدار %3: %4</translation>
    </message>
    <message>
        <source>Roll %1 back from release %2 to release %3, the release chosen above?</source>
        <translation>إرجاع %1 من الإصدار %2 إلى الإصدار %3، الإصدار المختار أعلاه؟</translation>
    </message>
    <message>
        <source>Roll %1 back from release %2 to release %3, the release that ran before it?</source>
        <translation>إرجاع %1 من الإصدار %2 إلى الإصدار %3، الإصدار الذي عمل قبله؟</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>إرجاع</translation>
    </message>
    <message>
        <source>&amp;Roll back</source>
        <translation>ا&amp;رجع</translation>
    </message>
    <message>
        <source>Nothing was rolled back: no way back was chosen.</source>
        <translation>لم يُرجَع شيء: لم تُختر طريقة للرجوع.</translation>
    </message>
    <message>
        <source>Migrations ran on %1 since release %2: choose how to go back.</source>
        <translation>جرت ترحيلات على %1 منذ الإصدار %2: اختر طريقة الرجوع.</translation>
    </message>
    <message>
        <source>Go back to the release chosen above if it ran here, else to the release that ran before the current one; production waits for the owner&apos;s approval first</source>
        <translation>الرجوع إلى الإصدار المختار أعلاه إن كان قد عمل هنا، وإلا فإلى الإصدار الذي عمل قبل الحالي؛ ينتظر الإنتاج موافقة المالك أولاً</translation>
    </message>
    <message>
        <source>Rolling %1 back to release %2…</source>
        <translation>جارٍ إرجاع %1 إلى الإصدار %2…</translation>
    </message>
    <message>
        <source>Not rolled back: %1</source>
        <translation>لم يتم الإرجاع: %1</translation>
    </message>
    <message>
        <source>%1 is rolled back to release %2 (was %3): %4</source>
        <translation>أُرجع %1 إلى الإصدار %2 (كان %3): %4</translation>
    </message>
</context>
<context>
    <name>RollbackChoiceDialog</name>
    <message>
        <source>Choose how to go back</source>
        <translation>اختر طريقة الرجوع</translation>
    </message>
    <message>
        <source>Migrations ran on %1 since release %2: its database is newer than release %2 knows. Choose how to go back from release %3; either way loses data:</source>
        <translation>جرت ترحيلات على %1 منذ الإصدار %2: قاعدة بياناته أحدث مما يعرفه الإصدار %2. اختر طريقة الرجوع من الإصدار %3؛ كلتا الطريقتين تُضيّع بيانات:</translation>
    </message>
    <message>
        <source>&amp;Downgrade the database</source>
        <translation>&amp;خفض ترحيل قاعدة البيانات</translation>
    </message>
    <message>
        <source>&amp;Restore the backup</source>
        <translation>ا&amp;ستعادة النسخة الاحتياطية</translation>
    </message>
    <message>
        <source>Restoring a backup is not possible: none was taken before a deploy after release %1.</source>
        <translation>استعادة نسخة احتياطية غير ممكنة: لم تُؤخذ أي نسخة قبل نشرٍ بعد الإصدار %1.</translation>
    </message>
    <message>
        <source>Roll &amp;back this way</source>
        <translation>ا&amp;رجع بهذه الطريقة</translation>
    </message>
</context>
<context>
    <name>SubscriptionsTab</name>
    <message>
        <source>%1 new Stripe events read.</source>
        <translation>قُرئ %1 من أحداث Stripe الجديدة.</translation>
    </message>
    <message>
        <source>&amp;Read new Stripe events</source>
        <translation>ا&amp;قرأ أحداث Stripe الجديدة</translation>
    </message>
    <message>
        <source>(other prices)</source>
        <translation>(أسعار أخرى)</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>كل الباقات</translation>
    </message>
    <message>
        <source>Churn</source>
        <translation>نسبة الإلغاء</translation>
    </message>
    <message>
        <source>Connect a platform&apos;s Stripe account with &apos;webnova billing connect --platform KEY&apos;, then read its events here or with &apos;webnova billing revenue&apos;.</source>
        <translation>اربط حساب Stripe الخاص بالمنصة بالأمر ‎&apos;webnova billing connect --platform KEY&apos;‎ ثم اقرأ أحداثه هنا أو بالأمر ‎&apos;webnova billing revenue&apos;‎.</translation>
    </message>
    <message>
        <source>MRR</source>
        <translation>الإيراد الشهري المتكرر</translation>
    </message>
    <message>
        <source>MRR at the period&apos;s end; churn: the share of the subscriptions paying at its start that were cancelled within it; received: invoices paid at Stripe, in the owner&apos;s currency; margin: received minus the platform&apos;s cost.</source>
        <translation>الإيراد الشهري المتكرر في نهاية الفترة؛ نسبة الإلغاء: حصة الاشتراكات المدفوعة في بدايتها التي أُلغيت خلالها؛ المستلَم: الفواتير المدفوعة في Stripe بعملة المالك؛ الهامش: المستلَم ناقص تكلفة المنصة.</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>الهامش</translation>
    </message>
    <message>
        <source>No Stripe events have been read yet</source>
        <translation>لم تُقرأ أي أحداث من Stripe بعد</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>المنصة</translation>
    </message>
    <message>
        <source>Reading new events from Stripe…</source>
        <translation>جارٍ قراءة الأحداث الجديدة من Stripe…</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>المستلَم</translation>
    </message>
    <message>
        <source>Stripe could not be read: %1</source>
        <translation>تعذّرت القراءة من Stripe: %1</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>الاشتراكات</translation>
    </message>
    <message>
        <source>The subscriptions could not be loaded: %1</source>
        <translation>تعذّر تحميل الاشتراكات: %1</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>الباقة</translation>
    </message>
</context>
<context>
    <name>TiersEditor</name>
    <message>
        <source>&amp;Remove the selected tier</source>
        <translation>ا&amp;حذف الباقة المحددة</translation>
    </message>
    <message>
        <source>Remove the selected tier</source>
        <translation>احذف الباقة المحددة</translation>
    </message>
    <message>
        <source>Tiers: one row a tier; F2 edits a cell</source>
        <translation>الباقات: صف لكل باقة؛ F2 يحرّر الخلية</translation>
    </message>
</context>
<context>
    <name>TiersTable</name>
    <message>
        <source>%1: «%2» is not name=number (for example: users=5; storage_gb=10)</source>
        <translation>%1: «%2» ليست على صورة اسم=رقم (مثلًا: users=٥; storage_gb=١٠)</translation>
    </message>
    <message>
        <source>%1: «%2» needs its English and Arabic text as English | العربية</source>
        <translation>%1: «%2» تحتاج نصها بالإنجليزية والعربية على صورة English | العربية</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>العملة</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>المزايا</translation>
    </message>
    <message>
        <source>Grace days</source>
        <translation>أيام المهلة</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>المدة</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>الحدود</translation>
    </message>
    <message>
        <source>Name (Arabic)</source>
        <translation>الاسم (بالعربية)</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>الاسم (بالإنجليزية)</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>السعر</translation>
    </message>
    <message>
        <source>Records per entity</source>
        <translation>السجلات لكل كيان</translation>
    </message>
    <message>
        <source>Trial days</source>
        <translation>أيام التجربة</translation>
    </message>
    <message>
        <source>tier %1, %2</source>
        <translation>الباقة %1، %2</translation>
    </message>
</context>
</TS>
