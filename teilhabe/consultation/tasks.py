"""The consultation's background work: PDFs of consideration tables, and scheduled
housekeeping (teilhabe.worker.schedule)."""

from django_tasks import task

from . import comments, pdfs


@task()
def make_pdf(pdf_id):
    """Lay out a consideration table PDF (``pdfs.make``)."""
    return pdfs.make(pdf_id)


@task()
def delete_unconfirmed_comments():
    """Unconfirmed comments whose confirmation link expired go, with their address."""
    return comments.delete_unconfirmed()


@task()
def delete_old_pdfs():
    """Consideration table PDFs older than a day go, with their files."""
    return pdfs.delete_old()
