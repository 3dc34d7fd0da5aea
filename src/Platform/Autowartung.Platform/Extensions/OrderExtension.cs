using Autowartung.Platform.Pricing;

namespace Autowartung.Platform.Extensions;

/// <summary>Where a proposal stands: staff still write it, the customer has it, they decided, or it lapsed undecided.</summary>
public enum ExtensionStatus { Draft, Sent, Decided, Expired }

/// <summary>How urgent the workshop finds an item: "sicherheitsrelevant", "empfohlen", "kann warten".</summary>
public enum Urgency { SafetyCritical, Recommended, CanWait }

/// <summary>What became of an item: waiting for the customer, approved, declined, or lapsed undecided (counted as declined).</summary>
public enum ItemDecision { Pending, Approved, Declined, Expired }

/// <summary>
/// One piece of extra work the workshop proposes: what and why in plain words, its price (net parts and
/// labour, or the workshop's list price of a service, with VAT as quotes have it), how urgent, its photos,
/// and the customer's decision.
/// </summary>
public sealed class ExtensionItem
{
    private ExtensionItem() { }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>The catalog service priced from the workshop's list, if the item is one.</summary>
    public string? ServiceCode { get; private set; }

    public int PartsNetCents { get; private set; }

    public int LabourNetCents { get; private set; }

    public int NetCents { get; private set; }

    public int VatCents { get; private set; }

    public int GrossCents => NetCents + VatCents;

    public Urgency Urgency { get; private set; }

    public List<Guid> PhotoIds { get; private set; } = [];

    public ItemDecision Decision { get; private set; }

    internal static ExtensionItem Create(string title, string description, string? serviceCode, int partsNetCents, int labourNetCents, Urgency urgency, IEnumerable<Guid> photoIds, DateTimeOffset now)
    {
        var amount = Vat.FromNet(partsNetCents + labourNetCents);
        return new ExtensionItem
        {
            Id = Guid.CreateVersion7(now),
            Title = title.Trim(),
            Description = description.Trim(),
            ServiceCode = serviceCode,
            PartsNetCents = partsNetCents,
            LabourNetCents = labourNetCents,
            NetCents = amount.NetCents,
            VatCents = amount.VatCents,
            Urgency = urgency,
            PhotoIds = photoIds.Distinct().ToList(),
            Decision = ItemDecision.Pending,
        };
    }

    internal void Decide(ItemDecision decision) => Decision = decision;
}

/// <summary>
/// An order extension (Auftragserweiterung, tenant-owned): the extra work a workshop proposes while the car
/// is in service. Staff write it as a draft; once sent its items and amounts never change (a new proposal
/// instead), and the customer decides each item once. The decision is the consent the charge rests on: who,
/// when, which items at which amounts, from which version of the page.
/// </summary>
public sealed class OrderExtension
{
    private readonly List<ExtensionItem> _items = [];

    private OrderExtension() { }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    public ExtensionStatus Status { get; private set; }

    public IReadOnlyList<ExtensionItem> Items => _items;

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>The hash of the emailed link's secret, which opens only this decision page: for one decision, and afterwards its outcome.</summary>
    public string? LinkTokenHash { get; private set; }

    public DateTimeOffset? ReminderSentAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The signed-in customer who decided; null when it was through the emailed link.</summary>
    public Guid? DecidedBy { get; private set; }

    /// <summary>The version of the decision page the customer saw (the items and amounts it showed), as the page sent it back.</summary>
    public string? PageVersion { get; private set; }

    /// <summary>The charge of the approved items, once there is one.</summary>
    public Guid? PaymentId { get; private set; }

    public int ApprovedGrossCents => _items.Where(i => i.Decision == ItemDecision.Approved).Sum(i => i.GrossCents);

    public int ProposedGrossCents => _items.Sum(i => i.GrossCents);

    /// <summary>What the page shows and the customer agrees to: a digest of every item's id, title and gross, so a page built from other amounts is refused.</summary>
    public string ItemsVersion => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        string.Join("|", _items.Select(i => $"{i.Id:N}:{i.Title}:{i.GrossCents}:{i.Urgency}")))))[..16];

    internal static OrderExtension Draft(Guid bookingId, IEnumerable<ExtensionItem> items, Guid createdBy, DateTimeOffset now)
    {
        var extension = new OrderExtension
        {
            Id = Guid.CreateVersion7(now),
            BookingId = bookingId,
            Status = ExtensionStatus.Draft,
            CreatedBy = createdBy,
            CreatedAt = now,
        };
        extension._items.AddRange(items);
        return extension;
    }

    /// <summary>Staff rewrite a draft; a sent proposal keeps its items.</summary>
    internal bool ReplaceItems(IEnumerable<ExtensionItem> items)
    {
        if (Status != ExtensionStatus.Draft) return false;
        _items.Clear();
        _items.AddRange(items);
        return true;
    }

    internal bool Send(string linkTokenHash, DateTimeOffset now)
    {
        if (Status != ExtensionStatus.Draft || _items.Count == 0) return false;
        (Status, SentAt, LinkTokenHash) = (ExtensionStatus.Sent, now, linkTokenHash);
        return true;
    }

    /// <summary>The customer decides every item at once, against the page version they saw; only once.</summary>
    internal bool Decide(IReadOnlyDictionary<Guid, bool> approved, Guid? decidedBy, DateTimeOffset now)
    {
        if (Status != ExtensionStatus.Sent || _items.Any(i => !approved.ContainsKey(i.Id))) return false;
        foreach (var item in _items) item.Decide(approved[item.Id] ? ItemDecision.Approved : ItemDecision.Declined);
        (Status, DecidedAt, DecidedBy, PageVersion) = (ExtensionStatus.Decided, now, decidedBy, ItemsVersion);
        return true;
    }

    internal void Charged(Guid paymentId) => PaymentId ??= paymentId;

    internal bool Remind(DateTimeOffset now)
    {
        if (Status != ExtensionStatus.Sent || ReminderSentAt is not null) return false;
        ReminderSentAt = now;
        return true;
    }

    /// <summary>Nobody decided in time: every item lapses, as if declined.</summary>
    internal bool Expire(DateTimeOffset now)
    {
        if (Status != ExtensionStatus.Sent) return false;
        foreach (var item in _items) item.Decide(ItemDecision.Expired);
        (Status, DecidedAt) = (ExtensionStatus.Expired, now);
        return true;
    }
}

/// <summary>A photo of a proposed item (tenant-owned), stored like a protocol's: upright, at most 2560 px, no metadata, with a thumbnail.</summary>
public sealed class ExtensionPhoto
{
    private ExtensionPhoto() { }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public int SizeBytes { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public Guid UploadedBy { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public string Path => $"bookings/{BookingId:N}/extensions/photos/{Id:N}.jpg";

    public string ThumbnailPath => $"bookings/{BookingId:N}/extensions/photos/{Id:N}-thumb.jpg";

    internal static ExtensionPhoto Upload(Guid bookingId, int width, int height, int sizeBytes, string? idempotencyKey, Guid uploadedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        BookingId = bookingId,
        Width = width,
        Height = height,
        SizeBytes = sizeBytes,
        IdempotencyKey = idempotencyKey,
        UploadedBy = uploadedBy,
        UploadedAt = now,
    };
}
