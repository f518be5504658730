import mailbox

from django.core.management.base import BaseCommand, CommandError

from staffroom.newsletter import bounces, sending, services
from staffroom.newsletter.models import Mailing, MailingStatus


class Command(BaseCommand):
    help = (
        "Newsletter work by hand: 'send ID' sends a mailing in this process (resuming a run "
        "that stopped), 'bounces PATH' reads delivery reports from a Maildir or mbox, 'due' "
        "does what the clock does (this week's issue, due mailings, stalled runs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["send", "bounces", "due"])
        parser.add_argument("target", nargs="?", help="the mailing id, or the mailbox path")
        parser.add_argument(
            "--stale-after",
            type=float,
            default=None,
            help="seconds after which another sender's unfinished claims are taken back "
            "(default NEWSLETTER_CLAIM_TIMEOUT; 0 when you know no other sender runs)",
        )
        parser.add_argument("--keep", action="store_true", help="keep read messages in the box")

    def handle(self, *args, action, target, stale_after, keep, **options):
        if action == "due":
            started = services.due_mailings_start()
            self.stdout.write(f"Started {len(started)} mailing(s).")
        elif action == "bounces":
            if not target:
                raise CommandError("Give the path of a Maildir or an mbox file.")
            try:
                read, recorded = bounces.mailbox_read(target, keep=keep)
            except (OSError, mailbox.Error) as error:
                raise CommandError(f"Cannot read {target}: {error}") from error
            self.stdout.write(f"Read {read} message(s), recorded {recorded} bounce(s).")
        else:
            self._send(target, stale_after)

    def _send(self, target, stale_after):
        try:
            mailing = Mailing.objects.get(pk=int(target or ""))
        except (ValueError, Mailing.DoesNotExist) as error:
            raise CommandError(f"No mailing with id {target!r}.") from error
        sending.mailing_start(mailing=mailing, enqueue=False)
        mailing.refresh_from_db()
        if mailing.status != MailingStatus.SENDING:
            raise CommandError(f"Mailing {mailing.pk} is {mailing.status}: nothing to send.")
        if mailing.recipients_ready_at is None:
            sending.recipients_prepare(mailing=mailing)
        sending.release_stale_claims(mailing=mailing, older_than=stale_after)
        report = sending.deliveries_send(mailing=mailing)
        self.stdout.write(
            f"Sent {report.sent}, failed {report.failed}, skipped {report.skipped}, "
            f"to retry {report.retried}."
        )
        for message in report.errors:
            self.stderr.write(message)
