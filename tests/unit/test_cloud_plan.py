"""The desired state of an environment, the plan that reaches it from what exists, and its
price by Hetzner's rules."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from app.domain.cloud.model import (
    LABEL_ENVIRONMENT,
    LABEL_PLATFORM,
    LABEL_WORKSPACE,
    ORDER,
    CloudSpecError,
    EnvironmentSpec,
    Kind,
    Resource,
    desired_state,
)
from app.domain.cloud.plan import Action, make_plan
from app.domain.cloud.pricing import Price, PriceBook, PricingError, bill, plan_cost, state_cost
from app.integrations.hetzner_convert import location_prices
from app.services.deploy_planning import price_book

SPEC = EnvironmentSpec(workspace="bank", platform="clinic", environment="production",
                       account="main", location="fsn1", app_server_type="cx22", app_servers=2,
                       db_server_type="cx32", volume_gb=50, backups=True, delete_protection=True,
                       ssh_from=("203.0.113.7/32",), ssh_public_key="ssh-ed25519 AAAA test")

PRICING = {  # the shape of GET /pricing
    "currency": "EUR",
    "server_backup": {"percentage": "20.00"},
    "volume": {"price_per_gb_month": {"net": "0.0440000000", "gross": "0.0523600000"}},
    "server_types": [
        {"id": 1, "name": "cx22", "prices": [{"location": "fsn1",
            "price_hourly": {"net": "0.0060000000", "gross": "0.0071400000"},
            "price_monthly": {"net": "3.7900000000", "gross": "4.5101000000"}}]},
        {"id": 2, "name": "cx32", "prices": [{"location": "fsn1",
            "price_hourly": {"net": "0.0110000000", "gross": "0.0130900000"},
            "price_monthly": {"net": "6.8000000000", "gross": "8.0920000000"}}]},
    ],
    "load_balancer_types": [{"id": 1, "name": "lb11", "prices": [{"location": "fsn1",
        "price_hourly": {"net": "0.0088000000", "gross": "0.0104720000"},
        "price_monthly": {"net": "5.3900000000", "gross": "6.4141000000"}}]}],
    "primary_ips": [{"type": "ipv4", "prices": [{"location": "fsn1",
        "price_hourly": {"net": "0.0008000000", "gross": "0.0009520000"},
        "price_monthly": {"net": "0.5000000000", "gross": "0.5950000000"}}]}],
}


def book_of(pricing: dict[str, object]) -> PriceBook:
    """``GET /pricing`` as the Hetzner adapter reads it and the planner hands it on."""
    return price_book(location_prices({**pricing, "vat_rate": "19.00"}, "fsn1"))


def actual(resources: list[Resource]) -> list[Resource]:
    return [replace(r, id=str(index)) for index, r in enumerate(resources, 1)]


def test_every_resource_is_labelled_and_named_deterministically() -> None:
    wanted = desired_state(SPEC)
    assert wanted == desired_state(SPEC)
    kinds = [r.kind for r in wanted]
    assert kinds == sorted(kinds, key=ORDER.index)  # creation order
    for resource in wanted:
        assert resource.labels[LABEL_WORKSPACE] == "bank"
        assert resource.labels[LABEL_PLATFORM] == "clinic"
        assert resource.labels[LABEL_ENVIRONMENT] == "production"
        assert resource.name.startswith("wn-clinic-production-")
    names = [r.name for r in wanted if r.kind is Kind.server]
    assert names == ["wn-clinic-production-app-1", "wn-clinic-production-app-2",
                     "wn-clinic-production-db-1"]
    assert [r.kind for r in wanted].count(Kind.load_balancer) == 1  # two app servers
    assert all(r.protected for r in wanted if r.kind in (Kind.server, Kind.volume))
    one = desired_state(replace(SPEC, app_servers=1))
    assert Kind.load_balancer not in [r.kind for r in one]


def test_the_firewall_opens_only_the_web_and_ssh_to_the_listed_networks() -> None:
    (firewall,) = [r for r in desired_state(SPEC) if r.kind is Kind.firewall]
    rules = {rule["port"]: rule["source_ips"] for rule in firewall.spec["rules"]}
    assert rules == {"80": ["0.0.0.0/0", "::/0"], "443": ["0.0.0.0/0", "::/0"],
                     "22": ["203.0.113.7/32"]}
    (closed,) = [r for r in desired_state(replace(SPEC, ssh_from=())) if r.kind is Kind.firewall]
    assert "22" not in {rule["port"] for rule in closed.spec["rules"]}


@pytest.mark.parametrize(("change", "setting", "words"), [
    ({"ssh_from": ("0.0.0.0/0",)}, "ssh_from", "never open to everyone"),
    ({"location": "mars1"}, "location", "unknown location 'mars1'"),
    ({"app_servers": 0}, "app_servers", "between 1 and 50"),
    ({"volume_gb": 5}, "volume_gb", "10 to 10240"),
    ({"platform": "Clinic!"}, "platform", "lower-case"),
])
def test_bad_settings_are_named(change: dict[str, object], setting: str, words: str) -> None:
    with pytest.raises(CloudSpecError) as caught:
        desired_state(replace(SPEC, **change))  # type: ignore[arg-type]
    assert caught.value.setting == setting
    assert words in str(caught.value)
    assert caught.value.message_ar


def test_a_new_environment_creates_everything_and_an_applied_one_changes_nothing() -> None:
    wanted = desired_state(SPEC)
    first = make_plan(wanted, [])
    assert [s.action for s in first.steps] == [Action.CREATE] * len(wanted)
    assert [s.kind for s in first.steps] == [r.kind for r in wanted]
    applied = make_plan(wanted, actual(wanted))
    assert applied.empty and len(applied.unchanged) == len(wanted)


def test_updates_replacements_and_deletions_say_why() -> None:
    wanted = desired_state(SPEC)
    existing = actual(wanted)
    by_name = {r.name: r for r in existing}
    app = by_name["wn-clinic-production-app-1"]
    db = by_name["wn-clinic-production-db-1"]
    volume = by_name["wn-clinic-production-db-data"]
    firewall = by_name["wn-clinic-production-fw"]
    changed = [r for r in existing if r.name not in {app.name, db.name, volume.name, firewall.name}]
    changed += [
        replace(app, spec={**app.spec, "server_type": "cx11"}),  # resized in place
        replace(db, spec={**db.spec, "location": "nbg1"}),  # moved: a new server
        replace(volume, spec={**volume.spec, "size": 80}),  # cannot shrink
        replace(firewall, spec={"rules": [*firewall.spec["rules"], {
            "direction": "in", "protocol": "tcp", "port": "5432", "source_ips": ["0.0.0.0/0"]}]}),
        Resource(Kind.server, "wn-clinic-production-app-9", dict(app.labels), dict(app.spec), id="99"),
    ]
    plan = make_plan(wanted, changed)
    steps = {(s.action, s.name): s for s in plan.steps}
    resize = steps[(Action.UPDATE, app.name)]
    assert resize.reason == "server_type changed" and not resize.destroys_data
    assert [(c.before, c.after) for c in resize.changes] == [("cx11", "cx22")]
    moved = steps[(Action.REPLACE, db.name)]
    assert moved.reason == "location cannot change in place" and moved.destroys_data
    shrink = steps[(Action.REPLACE, volume.name)]
    assert shrink.destroys_data and shrink.reason == "size cannot change in place"
    assert (Action.UPDATE, firewall.name) in steps  # an opened port outside the console
    extra = steps[(Action.DELETE, "wn-clinic-production-app-9")]
    assert extra.reason == "labelled for this environment but not in its desired state"
    assert plan.steps[-1].action is Action.DELETE  # deletions come last
    assert plan.destroys_data


def test_the_hash_binds_the_plan_to_the_state_it_was_made_from() -> None:
    wanted = desired_state(SPEC)
    existing = actual(wanted[:3])
    plan = make_plan(wanted, existing)
    assert plan.hash == make_plan(desired_state(SPEC), actual(wanted[:3])).hash
    moved_on = make_plan(wanted, [*existing, replace(wanted[3], id="77")])
    assert moved_on.hash != plan.hash
    assert moved_on.actual_fingerprint != plan.actual_fingerprint
    renumbered = make_plan(wanted, [replace(r, id=f"x{r.id}") for r in existing])
    assert renumbered.hash != plan.hash  # the same names, other resources


def test_a_started_hour_is_billed_whole_and_a_month_is_capped() -> None:
    book = book_of(PRICING)
    rate = book.server_types[("cx22", "fsn1")]
    assert bill(rate, 0.1) == Price(Decimal("0.006"), Decimal("0.00714"))
    assert bill(rate, 1.01) == rate.hourly.times(2)
    assert bill(rate, 10_000) == rate.monthly  # never more than the monthly price


def test_an_environment_is_priced_from_the_list() -> None:
    book = book_of(PRICING)
    cost = state_cost(desired_state(SPEC), book)
    # 2 x cx22 + 1 x cx32, each +20% for backups; 3 IPv4; 50 GB; one lb11.
    servers = (Decimal("3.79") * 2 + Decimal("6.80")) * Decimal("1.2")
    expected = servers + Decimal("0.50") * 3 + Decimal("0.044") * 50 + Decimal("5.39")
    assert cost.monthly.net == expected
    assert cost.monthly.rounded().net == Decimal("26.35")
    plan = make_plan(desired_state(SPEC), [])
    priced = plan_cost(plan, book)
    assert priced.currency == "EUR"
    assert priced.before.monthly == Price(Decimal(0), Decimal(0))
    assert priced.monthly_delta == cost.monthly
    with pytest.raises(PricingError, match="no server type cx99 in fsn1"):
        state_cost(desired_state(replace(SPEC, app_server_type="cx99")), book)


def test_a_location_outside_the_blueprints_residency_is_refused_with_its_rule() -> None:
    from app.domain.cloud.placement import PlacementRefused, check_placement, placement_findings
    from app.store.resource_files import load_builtin_packs, load_template

    packs = load_builtin_packs()
    healthcare = load_template("healthcare")  # PDPL and HIPAA, data kept in SA
    with pytest.raises(PlacementRefused) as caught:
        check_placement(healthcare, "production", "fsn1", packs)
    assert {f.code for f in caught.value.findings} == {"PDPL-29", "HIPAA-164.316(a)"}
    assert "PDPL-29: The production environment keeps personal data outside the Kingdom, in DE" in (
        str(caught.value))
    assert "لا يجوز أن تكون بيئة production في fsn1" in caught.value.message_ar
    enterprise = load_template("enterprise")  # GDPR, data kept in DE and FI
    assert placement_findings(enterprise, "production", "fsn1", packs) == []
    assert placement_findings(enterprise, "production", "hel1", packs) == []
    assert [f.code for f in placement_findings(enterprise, "production", "ash", packs)] == ["GDPR-44"]
    with pytest.raises(CloudSpecError, match="no environment 'qa'"):
        check_placement(healthcare, "qa", "fsn1", packs)


def test_the_blueprint_describes_the_environment() -> None:
    from app.domain.cloud.from_blueprint import environment_spec
    from app.store.resource_files import load_template

    enterprise = load_template("enterprise")
    production = next(e for e in enterprise["environments"] if e["name"] == "production")
    production.update({"provider": "hetzner", "region": "hel1", "country": "FI"})
    spec = environment_spec(enterprise, "production", workspace="corp", account="main",
                            overrides={"volume_gb": 40, "ssh_from": ("198.51.100.0/24",)})
    assert (spec.platform, spec.location, spec.app_server_type, spec.app_servers) == (
        "enterprise-hub", "hel1", production["server_size"], production.get("replicas", 1))
    assert spec.delete_protection and spec.volume_gb == 40
    healthcare = load_template("healthcare")  # on premises in Riyadh
    with pytest.raises(CloudSpecError, match="name a Hetzner location"):
        environment_spec(healthcare, "staging", workspace="corp", account="main")
    with pytest.raises(CloudSpecError, match="no such setting 'disks'"):
        environment_spec(enterprise, "production", workspace="corp", account="main",
                         overrides={"disks": 2})


def test_the_plan_reads_like_terraform_in_both_languages() -> None:
    from app.domain.bidi import strip_isolation
    from app.domain.cloud.render import plan_text

    wanted = desired_state(SPEC)
    existing = actual(wanted[:7])
    existing[2] = replace(existing[2], spec={"rules": []})  # the firewall emptied elsewhere
    existing[6] = replace(existing[6], spec={**existing[6].spec, "server_type": "cx32"})
    plan = make_plan(wanted, existing)
    cost = plan_cost(plan, book_of(PRICING))
    english = strip_isolation(plan_text(plan, cost, "en")).splitlines()
    assert english[0] == "~ firewall wn-clinic-production-fw (rules changed)"
    assert "~ server wn-clinic-production-app-1 (server_type changed)" in english
    assert "    server_type: cx32 → cx22" in english
    assert "+ load balancer wn-clinic-production-lb (not there yet)" in english
    assert "Plan: 4 resources to create, 2 resources to update." in english
    assert "Monthly, net: €9.66 → €26.35 (+€16.69)" in english
    arabic = strip_isolation(plan_text(plan, cost, "ar")).splitlines()
    assert arabic[0] == "~ جدار حماية wn-clinic-production-fw (تغيّر: rules)"
    assert "+ موازن أحمال wn-clinic-production-lb (غير موجود بعد)" in arabic
    assert "الخطة: ٤ موارد للإنشاء، موردان للتحديث." in arabic
    assert any(line.startswith("شهريًا، صافي:") and "٢٦٫٣٥" in line for line in arabic)
    nothing = make_plan(wanted, actual(wanted))
    assert plan_text(nothing, None, "en") == "No changes: the infrastructure is as it should be."
    moved = make_plan(wanted, [replace(r, spec={**r.spec, "location": "nbg1"})
                               if r.kind is Kind.volume else r for r in actual(wanted)])
    text = strip_isolation(plan_text(moved, None, "ar"))
    assert "-/+ مجلد تخزين wn-clinic-production-db-data (لا يتغير في مكانه: location)" in text
    assert "! تُفقد بياناته" in text


def test_the_journal_says_where_a_killed_deployment_stands() -> None:
    from app.domain.cloud.journal import (
        FINISHED,
        STARTED,
        STEP_FAILED,
        STEP_STARTED,
        STEP_SUCCEEDED,
        JournalError,
        Outcome,
        replay,
        step_id,
    )

    steps = [step_id("create", "ssh_key", "k"), step_id("create", "network", "n"),
             step_id("create", "server", "s")]
    events = [(STARTED, {"plan_hash": "ab" * 32, "steps": steps}),
              (STEP_STARTED, {"step": steps[0]}), (STEP_SUCCEEDED, {"step": steps[0], "resource_id": "11"}),
              (STEP_STARTED, {"step": steps[1]})]  # killed here
    progress = replay(events)
    assert progress.done == {steps[0]: "11"}
    assert progress.uncertain == [steps[1]]  # look it up by label before creating it again
    assert progress.next_step == steps[1] and not progress.finished
    failed = replay([*events, (STEP_FAILED, {"step": steps[1], "error": "locked"}),
                     (FINISHED, {"outcome": "failed"})])
    assert failed.failed == {steps[1]: "locked"} and failed.outcome is Outcome.FAILED
    assert failed.next_step is None
    retried = replay([*events, (STEP_FAILED, {"step": steps[1], "error": "locked"}),
                      (STEP_STARTED, {"step": steps[1]}),
                      (STEP_SUCCEEDED, {"step": steps[1], "resource_id": "12"})])
    assert retried.failed == {} and retried.remaining == [steps[2]]
    with pytest.raises(JournalError, match="not a step of plan"):
        replay([*events, (STEP_STARTED, {"step": "create:server:other"})])
    with pytest.raises(JournalError, match="previous one was unfinished"):
        replay([*events, events[0]])
