namespace Autowartung.ServiceDefaults.Hosting;

/// <summary>
/// An endpoint the platform's apex host (<c>autowartung.de</c>, no city) answers too. The apex has no
/// city, so every other endpoint of a city app is a 404 there, a new one included.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ServesApexAttribute : Attribute;
