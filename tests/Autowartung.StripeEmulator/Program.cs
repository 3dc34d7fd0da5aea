using Autowartung.StripeEmulator;

var builder = WebApplication.CreateBuilder(args);
builder.AddStripeEmulator();

var app = builder.Build();
app.MapStripeEmulator();
app.Run();

/// <summary>
/// Internal on purpose: the SDK would make it public, and then test projects that reference both this
/// emulator and one of our apps would see two global <c>Program</c> types. Hosts use <see cref="EmulatorOptions"/> as the entry marker.
/// </summary>
internal partial class Program;
