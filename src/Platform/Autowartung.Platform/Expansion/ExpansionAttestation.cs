namespace Autowartung.Platform.Expansion;

/// <summary>What an admin vouches for because the data cannot tell: trainings held and marketing prepared.</summary>
public enum AttestationKind
{
    /// <summary>The partner workshop's staff were trained (subject: the workshop).</summary>
    WorkshopTraining,

    /// <summary>A jockey was trained (subject: the jockey's user id).</summary>
    JockeyTraining,

    /// <summary>Local marketing is prepared (no subject; the note says what).</summary>
    Marketing,
}

/// <summary>
/// An admin's attestation for one expansion criterion (tenant-owned): what, about whom, when it happened,
/// by which trainer, and who attested it when. A later attestation of the same thing replaces the earlier
/// one as evidence; the old one stays as history.
/// </summary>
public sealed class ExpansionAttestation
{
    private ExpansionAttestation() { }

    public Guid Id { get; private set; }

    public AttestationKind Kind { get; private set; }

    public Guid? SubjectId { get; private set; }

    public DateOnly Date { get; private set; }

    public string? Trainer { get; private set; }

    public string? Note { get; private set; }

    public Guid AttestedBy { get; private set; }

    public DateTimeOffset AttestedAt { get; private set; }

    public static ExpansionAttestation Create(
        AttestationKind kind, Guid? subjectId, DateOnly date, string? trainer, string? note, Guid attestedBy, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            SubjectId = subjectId,
            Date = date,
            Trainer = string.IsNullOrWhiteSpace(trainer) ? null : trainer.Trim(),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            AttestedBy = attestedBy,
            AttestedAt = now,
        };
}
