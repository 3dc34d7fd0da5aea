namespace Autowartung.Web;

/// <summary>Marker for the shared web pieces' texts (<c>UiText.en.resx</c>); the German text is the key.</summary>
public sealed class UiText;
