"""Change requests against the shipped templates, with the exact outcome each must have.

A check is a tuple:
  ("field", entity, field, type)          the entity has the field, of that type
  ("attr", entity, field, key, value)     ... with that attribute
  ("no_field", entity, field)             the entity lacks the field
  ("entity", name) / ("no_entity", name)
  ("role", name) / ("no_role", name)
  ("can", role, entity, action) / ("cannot", role, entity, action)
  ("tier", key, price, currency, interval) / ("no_tier", key)
  ("region", provider, region, country)   every environment is there
  ("unchanged",)                          the plan has no operations
  ("says", text)                          the reply (in the request's language) contains text
Every row also must: validate, keep every framework, and never widen the data residency.
"""

from __future__ import annotations

Check = tuple[object, ...]
UNCHANGED: Check = ("unchanged",)

# (request, template, checks)
EDITS: list[tuple[str, str, list[Check]]] = [
    # ---------------------------------------------------------------- healthcare (HIPAA, PDPL, SA)
    ("add a pharmacy entity", "healthcare", [("entity", "pharmacy"), ("field", "pharmacy", "name", "string"),
                                            ("can", "admin", "pharmacy", "delete")]),
    ("أضف كيان pharmacy", "healthcare", [("entity", "pharmacy"), ("says", "أضفتُ الكيان pharmacy")]),
    ("add a mobile phone field to payers", "healthcare", [
        ("field", "payer", "mobile_phone", "string"), ("attr", "payer", "mobile_phone", "storage", "encrypted"),
        ("attr", "payer", "mobile_phone", "classification", "personal")]),
    ("أضف حقل رقم الجوال إلى جهات التأمين", "healthcare", [("field", "payer", "mobile", "string"),
                                                         ("attr", "payer", "mobile", "storage", "encrypted")]),
    ("add a weight field to patients as a decimal", "healthcare", [("field", "patient", "weight", "decimal")]),
    ("أضف حقل الوزن إلى المرضى", "healthcare", [("field", "patient", "weight_kg", "decimal")]),
    ("remove the floor field from departments", "healthcare", [("no_field", "department", "floor")]),
    ("احذف حقل الطابق من الأقسام", "healthcare", [("no_field", "department", "floor")]),
    ("rename the bed count field of facilities to beds", "healthcare", [
        ("field", "facility", "beds", "integer"), ("no_field", "facility", "bed_count")]),
    ("غير اسم حقل bed_count في المنشآت الصحية إلى beds", "healthcare", [("field", "facility", "beds", "integer")]),
    ("encrypt the claims email of payers", "healthcare", [("attr", "payer", "claims_email", "storage", "encrypted")]),
    ("شفر حقل بريد المطالبات في جهات التأمين", "healthcare", [
        ("attr", "payer", "claims_email", "storage", "encrypted")]),
    # the patient entity is encrypted at rest, so the rules allow dropping field encryption
    ("mark the allergies of patients as not encrypted", "healthcare", [
        ("attr", "patient", "allergies", "storage", "plain"), ("says", "no longer encrypted")]),
    ("اجعل حقل الحساسية في المرضى بدون تشفير", "healthcare", [
        ("attr", "patient", "allergies", "storage", "plain"), ("says", "لم يعد الحقل patient.allergies مشفرًا")]),
    ("only doctors may create prescriptions", "healthcare", [UNCHANGED, ("says", "Only doctor")]),
    ("only doctors may update appointments", "healthcare", [
        ("can", "doctor", "appointment", "update"), ("cannot", "nurse", "appointment", "update"),
        ("cannot", "receptionist", "appointment", "update"), ("cannot", "patient", "appointment", "update"),
        ("can", "nurse", "appointment", "read")]),
    ("let nurses delete appointments", "healthcare", [("can", "nurse", "appointment", "delete")]),
    ("اسمح للممرضين بحذف المواعيد", "healthcare", [("can", "nurse", "appointment", "delete")]),
    ("receptionists may not delete appointments", "healthcare", [("cannot", "receptionist", "appointment", "delete"),
                                                                 ("can", "receptionist", "appointment", "update")]),
    ("امنع موظفي الاستقبال من حذف المواعيد", "healthcare", [("cannot", "receptionist", "appointment", "delete")]),
    ("add a Pro tier for 99 SAR a month", "healthcare", [("tier", "pro", 99, "SAR", "month"),
                                                         ("tier", "clinic", 2500, "SAR", "month")]),
    ("أضف باقة ذهبية بسعر 199 ريال شهريا", "healthcare", [("tier", "gold", 199, "SAR", "month")]),
    ("change the clinic tier to 2900 SAR a month", "healthcare", [("tier", "clinic", 2900, "SAR", "month")]),
    ("remove the health network tier", "healthcare", [("no_tier", "health-network"), ("tier", "clinic", 2500, "SAR", "month")]),
    ("احذف باقة المستشفى", "healthcare", [("no_tier", "hospital")]),
    ("move the servers to Germany", "healthcare", [UNCHANGED, ("says", "PDPL Article 29"), ("says", "transfer basis"),
                                                   ("region", "on_premises", "riyadh-dc1", "SA")]),
    ("انقل الخوادم إلى ألمانيا", "healthcare", [UNCHANGED, ("says", "المادة التاسعة والعشرون"), ("says", "أساس نقل موثق")]),
    ("move the servers to Jeddah", "healthcare", [("region", "on_premises", "jeddah-dc1", "SA")]),
    ("انقل الخوادم إلى جدة", "healthcare", [("region", "on_premises", "jeddah-dc1", "SA")]),
    ("remove PDPL", "healthcare", [UNCHANGED, ("says", "never removes a compliance framework")]),
    ("احذف نظام حماية البيانات الشخصية", "healthcare", [UNCHANGED, ("says", "لا يحذف المخطِّط إطار امتثال")]),
    ("add a lab technician role", "healthcare", [("role", "lab_technician")]),
    ("أضف دور صيدلي", "healthcare", [("role", "pharmacist"), ("can", "pharmacist", "prescription", "read")]),
    ("add a nurse role", "healthcare", [UNCHANGED, ("says", "already has the role nurse")]),
    ("remove the nurse role", "healthcare", [("no_role", "nurse")]),
    ("احذف دور الممرض", "healthcare", [("no_role", "nurse")]),
    ("add a flux capacitor", "healthcare", [UNCHANGED, ("says", "I did not understand «add a flux capacitor»")]),
    ("أضف شيئا جميلا", "healthcare", [UNCHANGED, ("says", "لم أفهم «أضف شيئا جميلا»")]),
    ("add a reference to practitioner on invoices", "healthcare", [
        ("field", "invoice", "practitioner", "reference"), ("attr", "invoice", "practitioner", "reference", "practitioner")]),
    ("mark the specialty of practitioners as personal", "healthcare", [("attr", "practitioner", "specialty", "classification", "personal")]),
    ("صنف حقل التخصص في الممارسين الصحيين كبيانات شخصية", "healthcare", [
        ("attr", "practitioner", "specialty", "classification", "personal")]),
    ("rename the payer entity to insurer", "healthcare", [
        ("entity", "insurer"), ("no_entity", "payer"), ("attr", "patient", "payer", "reference", "insurer"),
        ("can", "receptionist", "insurer", "read")]),
    ("remove the consent entity", "healthcare", [("no_entity", "consent"), ("cannot", "patient", "consent", "read")]),
    ("احذف كيان الموافقات", "healthcare", [("no_entity", "consent")]),
    ("add a pharmacy entity, then move the servers to Germany", "healthcare", [
        ("entity", "pharmacy"), ("region", "on_premises", "riyadh-dc1", "SA"), ("says", "PDPL Article 29")]),
    ("add a mobile phone field to vendors", "healthcare", [UNCHANGED, ("says", "no entity «vendors»")]),
    # ---------------------------------------------------------------- education (GDPR, DE/FI, EUR)
    ("only registrars may delete enrolments", "education", [
        ("can", "registrar", "enrolment", "delete"), ("cannot", "student", "enrolment", "delete"),
        ("cannot", "lecturer", "enrolment", "delete"), ("can", "student", "enrolment", "create")]),
    ("فقط مسؤول القبول والتسجيل يمكنه حذف التسجيل في المقررات", "education", [
        ("can", "registrar", "enrolment", "delete"), ("cannot", "student", "enrolment", "delete")]),
    ("أضف حقل تاريخ الميلاد إلى الطلاب", "education", [UNCHANGED, ("says", "date_of_birth")]),
    ("أضف حقل الجنسية إلى الطلاب", "education", [("field", "student", "nationality", "string"),
                                               ("attr", "student", "nationality", "classification", "personal")]),
    ("add a nationality field to students", "education", [("field", "student", "nationality", "string")]),
    ("add a birthday field to lecturers", "education", [("field", "lecturer", "birthday", "date"),
                                                       ("attr", "lecturer", "birthday", "classification", "personal")]),
    ("remove the photo field from students", "education", [("no_field", "student", "photo")]),
    ("احذف حقل photo من الطلاب", "education", [("no_field", "student", "photo")]),
    ("rename the office hours field of lecturers to consultation hours", "education", [
        ("field", "lecturer", "consultation_hours", "text"), ("no_field", "lecturer", "office_hours")]),
    ("add a Premium tier for 49 EUR a month", "education", [("tier", "premium", 49, "EUR", "month")]),
    ("أضف باقة مميزة بسعر 990 يورو سنويا", "education", [("tier", "premium", 990, "EUR", "year")]),
    ("move the servers to Helsinki", "education", [("region", "hetzner", "hel1", "FI")]),
    ("move the servers to Riyadh", "education", [UNCHANGED, ("says", "GDPR Article 44")]),
    ("انقل الخوادم إلى الرياض", "education", [UNCHANGED, ("says", "المادة 44")]),
    ("move the servers to Paris", "education", [UNCHANGED, ("says", "data residency (DE, FI)")]),
    ("let lecturers export submissions", "education", [("can", "lecturer", "submission", "export")]),
    ("امنع الطلاب من حذف التسجيل في المقررات", "education", [("cannot", "student", "enrolment", "delete")]),
    ("add a scholarship officer role", "education", [("role", "scholarship_officer")]),
    ("encrypt the email field of lecturers", "education", [("attr", "lecturer", "email", "storage", "encrypted")]),
    ("شفر حقل البريد الجامعي في المحاضرين", "education", [("attr", "lecturer", "email", "storage", "encrypted")]),
    ("أضف حقل رقم الهاتف إلى المحاضرين", "education", [("field", "lecturer", "phone", "string"),
                                                    ("attr", "lecturer", "phone", "storage", "encrypted")]),
    ("add a GPA field to students as a decimal", "education", [("field", "student", "gpa", "decimal")]),
    # ---------------------------------------------------------------- enterprise (GDPR, EUR)
    ("add a mobile phone field to vendors", "enterprise", [
        ("field", "vendor", "mobile_phone", "string"), ("attr", "vendor", "mobile_phone", "storage", "encrypted"),
        ("attr", "vendor", "mobile_phone", "classification", "personal")]),
    ("أضف حقل mobile_number إلى الموردين", "enterprise", [("field", "vendor", "mobile_number", "string")]),
    ("أضف حقل رقم الجوال إلى الموردين", "enterprise", [("field", "vendor", "mobile", "string")]),
    ("add an email field to vendors", "enterprise", [("field", "vendor", "email", "string"),
                                                     ("attr", "vendor", "email", "storage", "encrypted")]),
    ("add a contract end date field to vendors", "enterprise", [("field", "vendor", "contract_end_date", "date")]),
    ("add a hourly rate field to employees as money", "enterprise", [
        ("field", "employee", "hourly_rate", "money"), ("attr", "employee", "hourly_rate", "currency", "EUR")]),
    ("add a contract field to vendors as a file", "enterprise", [("field", "vendor", "contract", "file")]),
    ("remove the announcement entity", "enterprise", [("no_entity", "announcement"),
                                                      ("cannot", "employee", "announcement", "read")]),
    ("احذف كيان الإعلانات", "enterprise", [("no_entity", "announcement")]),
    ("rename the asset entity to device", "enterprise", [("entity", "device"), ("no_entity", "asset"),
                                                         ("can", "admin", "device", "delete")]),
    ("only managers may approve leave requests", "enterprise", [
        ("can", "manager", "leave_request", "approve"), ("cannot", "hr_officer", "leave_request", "approve"),
        ("can", "hr_officer", "leave_request", "update")]),
    ("فقط المدير يمكنه اعتماد طلبات الإجازة", "enterprise", [
        ("can", "manager", "leave_request", "approve"), ("cannot", "hr_officer", "leave_request", "approve")]),
    ("let employees delete expense claims", "enterprise", [("can", "employee", "expense_claim", "delete")]),
    ("employees may not update their leave requests", "enterprise", [("cannot", "employee", "leave_request", "update")]),
    ("add a Business Plus tier for 1490 EUR a month", "enterprise", [("tier", "business-plus", 1490, "EUR", "month")]),
    ("set the team tier to 350 EUR a month", "enterprise", [("tier", "team", 350, "EUR", "month")]),
    ("احذف باقة المجموعة", "enterprise", [("no_tier", "group")]),
    ("add a vendor reference field to assets", "enterprise", [("attr", "asset", "vendor", "reference", "vendor")]),
    ("move the servers to Nuremberg", "enterprise", [("region", "hetzner", "nbg1", "DE")]),
    ("remove GDPR", "enterprise", [UNCHANGED, ("says", "never removes a compliance framework")]),
    ("add an auditor role", "enterprise", [("role", "auditor")]),
    ("أضف دور مدقق", "enterprise", [("role", "auditor")]),
    ("أضف حقل الراتب إلى الموظفين", "enterprise", [("field", "employee", "salary", "money"),
                                                ("attr", "employee", "salary", "storage", "encrypted")]),
    ("أضف حقل ملاحظات إلى الموردين", "enterprise", [("field", "vendor", "notes", "text")]),
    ("احذف حقل الرقم الضريبي من الموردين", "enterprise", [("no_field", "vendor", "vat_id")]),
    ("غير اسم كيان announcement إلى news_item", "enterprise", [("entity", "news_item"), ("no_entity", "announcement")]),
    ("اسمح للموظفين بحذف مطالبات المصروفات", "enterprise", [("can", "employee", "expense_claim", "delete")]),
    ("أضف باقة برونزية بسعر 150 يورو شهريا", "enterprise", [("tier", "bronze", 150, "EUR", "month")]),
    ("انقل الخوادم إلى نورنبرغ", "enterprise", [("region", "hetzner", "nbg1", "DE")]),
    ("انقل الخوادم إلى دبي", "enterprise", [UNCHANGED, ("says", "المادة 44")]),
    # ---------------------------------------------------------------- financial (PCI DSS, PDPL, SA)
    ("add a Pro tier for 99 SAR a month", "financial", [("tier", "pro", 99, "SAR", "month")]),
    ("أضف باقة احترافية بسعر 99 ريال شهريا", "financial", [("tier", "pro", 99, "SAR", "month")]),
    ("add a passport number field to customers", "financial", [
        ("field", "customer", "passport_number", "string"), ("attr", "customer", "passport_number", "storage", "encrypted")]),
    ("أضف حقل رقم الجواز إلى العملاء", "financial", [("field", "customer", "passport_number", "string")]),
    ("mark the card token of cards as not encrypted", "financial", [UNCHANGED, ("says", "provider token")]),
    ("only compliance officers may export customers", "financial", [UNCHANGED, ("says", "Only compliance_officer")]),
    ("only fraud analysts may update cards", "financial", [
        ("can", "fraud_analyst", "card", "update"), ("cannot", "branch_officer", "card", "update"),
        ("cannot", "customer", "card", "update")]),
    ("move the servers to Frankfurt", "financial", [UNCHANGED, ("says", "PDPL Article 29")]),
    ("انقل الخوادم إلى فرانكفورت", "financial", [UNCHANGED, ("says", "المادة التاسعة والعشرون")]),
    ("remove the beneficiary entity", "financial", [("no_entity", "beneficiary"), ("no_field", "transfer", "beneficiary")]),
    ("rename the fee schedule entity to tariff", "financial", [("entity", "tariff"), ("no_entity", "fee_schedule")]),
    ("add a risk score field to transactions as a number", "financial", [("field", "transaction", "risk_score", "integer")]),
    ("اسمح للمدققين بتصدير الحسابات", "financial", [("can", "auditor", "account", "export")]),
    ("أضف حقل تاريخ الانتهاء إلى البطاقات", "financial", [("field", "card", "expires_on", "date")]),
    ("احذف باقة الشركات", "financial", [("no_tier", "corporate")]),
    ("remove PCI DSS", "financial", [UNCHANGED, ("says", "never removes a compliance framework")]),
    # ---------------------------------------------------------------- government (PDPL, SA)
    ("add a tracking number field to applications", "government", [
        ("field", "application", "tracking_number", "string")]),
    ("أضف حقل الملاحظات إلى الشكاوى", "government", [("field", "complaint", "notes", "text")]),
    ("remove the satisfaction field from complaints", "government", [("no_field", "complaint", "satisfaction")]),
    ("only inspectors may update applications", "government", [
        ("can", "inspector", "application", "update"), ("cannot", "case_officer", "application", "update"),
        ("can", "case_officer", "application", "approve")]),
    ("فقط المفتش يمكنه تعديل الطلبات", "government", [
        ("can", "inspector", "application", "update"), ("cannot", "case_officer", "application", "update")]),
    ("let citizens delete complaints", "government", [("can", "citizen", "complaint", "delete")]),
    ("add a Premium tier for 5000 SAR a year", "government", [("tier", "premium", 5000, "SAR", "year")]),
    ("move the servers to Makkah", "government", [("region", "on_premises", "makkah-dc1", "SA")]),
    ("move the servers to Amsterdam", "government", [UNCHANGED, ("says", "PDPL Article 29")]),
    ("add a visitor role", "government", [("role", "visitor")]),
    ("أضف كيان complaint_category", "government", [("entity", "complaint_category")]),
    ("احذف دور المراجع", "government", [("no_role", "auditor")]),
    ("أضف حقل البريد الإلكتروني إلى المنشآت", "government", [("field", "establishment", "email", "string")]),
    ("امنع المواطنين من حذف المواعيد", "government", [("cannot", "citizen", "appointment", "delete")]),
    ("غير سعر باقة البلدية إلى 130000 ريال سنويا", "government", [("tier", "municipality", 130000, "SAR", "year")]),
    ("أضف باقة أساسية بسعر 0 ريال شهريا", "government", [("tier", "basic", 0, "SAR", "month")]),
    ("انقل الخوادم إلى مكة", "government", [("region", "on_premises", "makkah-dc1", "SA")]),
    ("انقل الخوادم إلى أمستردام", "government", [UNCHANGED, ("says", "المادة التاسعة والعشرون")]),
    ("احذف حقل الرضا من الشكاوى", "government", [("no_field", "complaint", "satisfaction")]),
    ("شفر حقل التفاصيل في الشكاوى", "government", [UNCHANGED, ("says", "مشفر من قبل")]),
    # ---------------------------------------------------------------- more Arabic and mixed requests
    ("أضف حقل الوزن إلى المرضى من نوع رقم", "healthcare", [("field", "patient", "weight_kg", "integer")]),
    ("أضف حقل website إلى المنشآت الصحية", "healthcare", [("field", "facility", "website", "string")]),
    ("احذف حقل الجنس من المرضى", "healthcare", [("no_field", "patient", "sex")]),
    ("اسمح للأطباء بتصدير نتائج المختبر", "healthcare", [("can", "doctor", "lab_result", "export")]),
    ("امنع المرضى من تعديل المواعيد", "healthcare", [("cannot", "patient", "appointment", "update"),
                                                  ("can", "patient", "appointment", "create")]),
    ("فقط موظف الاستقبال يمكنه حذف المواعيد", "healthcare", [UNCHANGED, ("says", "وحده")]),
    ("انقل الخوادم إلى الدمام", "healthcare", [("region", "on_premises", "dammam-dc1", "SA")]),
    ("أضف دور محاسب", "healthcare", [("role", "accountant"), ("can", "accountant", "invoice", "read")]),
    ("غير اسم حقل nickname في المستفيدين إلى alias", "financial", [("field", "beneficiary", "alias", "string"),
                                                               ("no_field", "beneficiary", "nickname")]),
    ("صنف حقل ملاحظات المحلل في تنبيهات الاحتيال كبيانات شخصية", "financial", [UNCHANGED, ("says", "من قبل")]),
    ("غير سعر باقة النمو للمنشآت إلى 249 ريال شهريا", "financial", [("tier", "sme-growth", 249, "SAR", "month")]),
    ("احذف كيان المستفيدين", "financial", [("no_entity", "beneficiary")]),
    ("أضف حقل المدينة إلى العملاء", "financial", [("field", "customer", "city", "string")]),
    ("احذف باقة الفريق", "enterprise", [("no_tier", "team")]),
    ("أضف حقل صورة إلى الموظفين", "enterprise", [("field", "employee", "photo", "file")]),
    ("أضف حقل رقم الهوية إلى الموردين", "enterprise", [("field", "vendor", "national_id", "string"),
                                                    ("attr", "vendor", "national_id", "storage", "encrypted")]),
    ("أضف حقل تاريخ الانتهاء إلى المستندات المؤيدة", "government", [("field", "application_document", "expires_on", "date")]),
    ("أضف حقل العمر إلى الطلاب", "education", [("field", "student", "age", "integer")]),
    ("احذف دور المحاضر", "education", [("no_role", "lecturer")]),
    ("أضف باقة فضية بسعر 49 يورو شهريا", "education", [("tier", "silver", 49, "EUR", "month")]),
    ("اسمح لموظف الشؤون المالية بحذف المنح الدراسية", "education", [("can", "finance_officer", "scholarship", "delete")]),
]
