"""Mail: the outbox. Every mail the platform sends is a row written in the transaction
that caused it, delivered by a background task exactly once, retried when the mail
server fails, and deleted after its retention period."""
