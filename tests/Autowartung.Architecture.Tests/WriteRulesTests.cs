using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Autowartung.Architecture.Tests;

/// <summary>
/// Pages and endpoints change data only through use cases: no web assembly calls EF Core's saving or
/// bulk-writing methods itself. Read from the compiled IL, so a call inside a lambda or an async method
/// counts too. (Identity's UserManager and the key ring's library store save on their own; they are
/// libraries' use cases, not our code.)
/// </summary>
public sealed class WriteRulesTests
{
    private static readonly string[] WebAssemblies =
        ["Autowartung.Tenant.Web", "Autowartung.Admin.Web", "Autowartung.Identity", "Autowartung.ServiceDefaults", "Autowartung.Web"];

    private static readonly HashSet<string> Writes =
    [
        "SaveChanges", "SaveChangesAsync", "ExecuteDelete", "ExecuteDeleteAsync", "ExecuteUpdate", "ExecuteUpdateAsync",
        "ExecuteSql", "ExecuteSqlAsync", "ExecuteSqlRaw", "ExecuteSqlRawAsync", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync",
    ];

    public static TheoryData<string> Assemblies => new(WebAssemblies);

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void WebAssembly_NeverSavesThroughEfCore(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, $"{assembly}.dll");
        using var module = ModuleDefinition.ReadModule(path);

        var offenders = (
            from type in module.GetTypes()
            from method in type.Methods
            where method.HasBody
            from instruction in method.Body.Instructions
            where instruction.OpCode.FlowControl == FlowControl.Call && instruction.Operand is MethodReference called
            let callee = (MethodReference)instruction.Operand
            where Writes.Contains(callee.Name) && callee.DeclaringType.Namespace.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            select $"{type.FullName}.{method.Name} calls {callee.DeclaringType.Name}.{callee.Name}").Distinct().ToList();

        Assert.True(offenders.Count == 0, "Write through a use case instead:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void TheRule_SeesAWrite()
    {
        // The platform's own use cases do save: the scan finds them there, so an empty result above means something.
        var path = Path.Combine(AppContext.BaseDirectory, "Autowartung.Platform.dll");
        using var module = ModuleDefinition.ReadModule(path);

        var saves = module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody)
            .SelectMany(m => m.Body.Instructions)
            .Count(i => i.Operand is MethodReference { Name: "SaveChangesAsync" });

        Assert.True(saves > 10);
    }
}
