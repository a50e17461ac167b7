"""Moving the servers of an existing blueprint: allowed only inside its data residency.

The planner never widens where personal data may be kept, and never drops a compliance
framework to make a move pass. A move outside the residency is explained instead: the
rule and article that forbid it and what the owner would need first.
"""

from __future__ import annotations

from typing import Any, Protocol

from app.domain.assist.lexicon import Place
from app.domain.blueprint.model import EU_EEA


class Host(Protocol):
    @property
    def doc(self) -> dict[str, Any]: ...
    def refuse(self, en: str, ar: str) -> None: ...
    def already(self, en: str, ar: str) -> None: ...


def allowed_move(host: Host, place: Place) -> bool:
    """Whether the servers may move to ``place``; if not, the refusal is told to ``host``."""
    doc = host.doc
    residency = [str(c) for c in doc.get("data_residency", [])]
    country = place.country
    envs = doc.get("environments", [])
    if envs and all(e.get("provider") == place.provider and e.get("region") == place.region for e in envs):
        host.already(f"The servers are already in {place.en} ({place.provider} {place.region}).",
                     f"الخوادم في {place.ar} من قبل ({place.provider} {place.region}).")
        return False
    if not residency or country in residency:
        return True
    frameworks = doc.get("compliance", [])
    allowed = ", ".join(residency)
    en = [f"The servers stay where they are: moving them to {place.en} ({country}) would keep personal "
          f"data outside the blueprint's data residency ({allowed}), and the planner never widens the "
          "residency or drops a compliance framework to make a move pass."]
    ar = [f"تبقى الخوادم في مكانها: نقلها إلى {place.ar} ({country}) يحفظ البيانات الشخصية خارج الدول "
          f"المحددة لحفظ البيانات في المخطط ({allowed})، ولا يوسّع المخطِّط هذه الدول ولا يُسقط إطار امتثال "
          "ليمرّ النقل."]
    if "pdpl" in frameworks and country != "SA":
        en.append("PDPL Article 29 (rule PDPL-29): personal data leaves the Kingdom only for the purposes "
                  "and under the safeguards the law and its transfer regulations set.")
        ar.append("المادة التاسعة والعشرون من نظام حماية البيانات الشخصية (القاعدة PDPL-29): لا تُنقل "
                  "البيانات الشخصية خارج المملكة إلا للأغراض وبالضمانات التي يحددها النظام ولائحة نقل البيانات.")
    if "gdpr" in frameworks and country not in EU_EEA:
        en.append("GDPR Article 44 (rule GDPR-44): personal data leaves the EU/EEA only under Chapter V, "
                  "through an adequacy decision (Article 45) or appropriate safeguards (Article 46).")
        ar.append("المادة 44 من اللائحة العامة لحماية البيانات (القاعدة GDPR-44): لا تُنقل البيانات الشخصية "
                  "خارج الاتحاد الأوروبي والمنطقة الاقتصادية الأوروبية إلا بقرار ملاءمة (المادة 45) أو "
                  "بضمانات مناسبة (المادة 46).")
    if "hipaa" in frameworks:
        en.append("HIPAA 45 CFR 164.316(a) (rule HIPAA-164.316(a)): health data is kept only where the "
                  "owner's declared data residency allows.")
        ar.append("HIPAA 45 CFR 164.316(a) (القاعدة HIPAA-164.316(a)): لا تُحفظ البيانات الصحية إلا حيث "
                  "تسمح الدول المحددة لحفظ البيانات.")
    en.append(f"To move, the owner first needs a recorded transfer basis for {country} (the legal ground and "
              f"safeguards for the transfer), then adds {country} to the data residency in the editor, "
              "as an approved change, and asks again.")
    ar.append(f"وللنقل يحتاج المالك أولًا إلى أساس نقل موثق إلى {country} (السند النظامي وضمانات النقل)، ثم "
              f"يضيف {country} إلى دول حفظ البيانات في المحرر بتغيير معتمد، ثم يعيد الطلب.")
    host.refuse(" ".join(en), " ".join(ar))
    return False
