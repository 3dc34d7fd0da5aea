namespace Autowartung.Platform.Fleet;

public enum ReplacementCarStatus { Available, InUse, Maintenance, Retired }

/// <summary>A car of the city's fleet that customers drive while theirs is serviced (tenant-owned).</summary>
public sealed class ReplacementCar
{
    private ReplacementCar() { }

    public Guid Id { get; private set; }

    public string LicensePlate { get; private set; } = "";

    public string Model { get; private set; } = "";

    public ReplacementCarStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static ReplacementCar Add(string licensePlate, string model, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(licensePlate);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return new ReplacementCar
        {
            Id = Guid.CreateVersion7(now),
            LicensePlate = licensePlate.Trim().ToUpperInvariant(),
            Model = model.Trim(),
            Status = ReplacementCarStatus.Available,
            CreatedAt = now,
        };
    }

    public void SetStatus(ReplacementCarStatus status) => Status = status;
}
