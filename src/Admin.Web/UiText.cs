namespace Autowartung.Admin.Web;

/// <summary>Marker for this app's page texts (<c>UiText.en.resx</c>); the German text is the key.</summary>
public sealed class UiText;
