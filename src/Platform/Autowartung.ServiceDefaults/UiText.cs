namespace Autowartung.ServiceDefaults;

/// <summary>Marker for the shared layout's texts (<c>UiText.en.resx</c>); the German text is the key.</summary>
public sealed class UiText;
