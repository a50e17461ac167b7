"""``webnova billing`` as real processes against the loopback Stripe fake: the README's
commands run verbatim, and a sync killed with SIGKILL midway, run again, creates nothing twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from app.paths import install_root
from tests.cli.test_readme_cloud import readme_blocks, run
from tests.support.stripe_fake import SECRET_KEY, StripeFake


def environment(home: Path, fake: StripeFake) -> dict[str, str]:
    bin_dir = Path(sys.executable).parent
    return {**os.environ, "WEBNOVA_HOME": str(home), "WEBNOVA_KEYRING": "file",
            "WEBNOVA_KEYRING_PASSPHRASE": "test pass phrase", "WEBNOVA_USER": "owner",
            "WEBNOVA_STRIPE_API_BASE": fake.url, "STRIPE_SECRET_KEY": SECRET_KEY,
            "PYTHONPATH": str(install_root()), "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}"}


def test_the_readme_billing_commands_work_as_written(tmp_path: Path) -> None:
    sync, price_change, revenue = readme_blocks("## Selling subscriptions (Stripe)")
    with StripeFake() as fake:
        env = environment(tmp_path, fake)
        done = run(sync, env, tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "connected platform 'bank' to Stripe of account" in done.stdout
        assert ("products created: sme-essential, sme-growth, corporate; updated: none; prices "
                "created: sme-essential, sme-growth, corporate") in done.stdout
        rerun = json.loads(done.stdout[done.stdout.index("{"):])
        assert rerun["unchanged"] == ["sme-essential", "sme-growth", "corporate"]
        growth = next(p for p in fake.all("price") if p["lookup_key"] == "webnova:bank:sme-growth")
        fake.add_subscription(growth["id"])

        done = run(price_change, env, tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "199.00 SAR a month → 249.00 SAR a month (live subscriptions on the old price: 1 subscription)" in done.stdout
        assert "Live subscriptions on the old price: 1 subscription" in done.stdout  # show
        prices = fake.all("price")
        subscription = fake.all("subscription")[0]
        fake.pay_invoice(subscription["id"], (subscription["created"],
                                              subscription["created"] + 30 * 86400))
        done = run(revenue, env, tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "; 2 new Stripe events read" in done.stdout  # the subscription, its invoice
        offline = json.loads(done.stdout[done.stdout.index("["):done.stdout.rindex("]") + 1])
        assert offline[0]["received"] == "199.00" and offline[0]["mrr"] == "199.00"
        assert offline[0]["read"] is None
        assert "RECEIVED (STRIPE)" in done.stdout
    assert [p["unit_amount"] for p in prices if p["lookup_key"] == "webnova:bank:sme-growth"] == [24900]
    assert next(p for p in prices if p["id"] == growth["id"])["active"] is False
    assert SECRET_KEY not in done.stdout + done.stderr
    written = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert SECRET_KEY.encode() not in written  # the file keyring holds it encrypted


def test_a_sync_killed_midway_and_run_again_creates_nothing_twice(tmp_path: Path) -> None:
    with StripeFake() as fake:
        env = environment(tmp_path, fake)
        ready = run("webnova blueprint new --template financial --key bank\n"
                    "webnova billing connect --platform bank --key-from-env STRIPE_SECRET_KEY",
                    env, tmp_path)
        assert ready.returncode == 0, ready.stdout + ready.stderr
        # The first price is made at Stripe, and the console is killed before it hears so.
        held = fake.hold("POST", "/v1/prices")
        sync = subprocess.Popen([sys.executable, "-m", "app", "billing", "sync", "--platform",
                                 "bank"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        try:
            assert held.reached.wait(timeout=120), "the sync never reached Stripe's prices"
            os.kill(sync.pid, signal.SIGKILL)
            sync.wait(timeout=30)
        finally:
            held.released.set()
            if sync.poll() is None:
                sync.kill()
            sync.communicate()
        assert sync.returncode == -signal.SIGKILL
        assert (len(fake.all("product")), len(fake.all("price"))) == (1, 1)

        again = run("webnova billing sync --platform bank --json", env, tmp_path)
        assert again.returncode == 0, again.stdout + again.stderr
        report = json.loads(again.stdout)
        assert report["unchanged"] == ["sme-essential"]
        assert report["created_products"] == report["created_prices"] == ["sme-growth", "corporate"]
        products, prices = fake.all("product"), fake.all("price")
    assert sorted(p["metadata"]["webnova_tier"] for p in products) == [
        "corporate", "sme-essential", "sme-growth"]
    assert sorted(p["lookup_key"] for p in prices) == [
        "webnova:bank:corporate", "webnova:bank:sme-essential", "webnova:bank:sme-growth"]
