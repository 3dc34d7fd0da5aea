namespace Autowartung.MultiTenancy;

/// <summary>
/// Thrown when work would cross a tenant boundary: saving another tenant's row, or touching
/// tenant-owned data with no tenant set. It always means a bug, never bad user input.
/// </summary>
public sealed class MultiTenantException(string message) : InvalidOperationException(message);
