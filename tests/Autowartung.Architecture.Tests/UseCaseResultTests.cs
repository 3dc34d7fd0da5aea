using System.Reflection;
using Autowartung.Platform;

namespace Autowartung.Architecture.Tests;

/// <summary>
/// Use cases answer with <see cref="Result"/> or <see cref="Result{T}"/>, so every caller maps a failure
/// the same way (404, 400 with field errors, 409). What the rule refuses is the shape that came before:
/// an own nested <c>Outcome</c>, <c>Failure</c> or <c>Result</c> type, or field errors handed back bare.
/// </summary>
public sealed class UseCaseResultTests
{
    private static readonly Assembly Platform = typeof(Result).Assembly;

    private static readonly HashSet<string> OwnAnswerTypes = ["Outcome", "Failure", "Result"];

    private static IEnumerable<Type> PublicTypes => Platform.GetExportedTypes();

    [Fact]
    public void NoUseCase_DeclaresItsOwnAnswerType()
    {
        var own = PublicTypes.Where(t => t.IsNested && OwnAnswerTypes.Contains(t.Name)).Select(t => t.FullName).ToList();

        Assert.True(own.Count == 0, "Answer with Result or Result<T> instead:\n" + string.Join("\n", own));
    }

    [Fact]
    public void NoUseCase_HandsBackBareFieldErrors()
    {
        var bare = (
            from type in PublicTypes
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            where CarriesFieldErrors(Answer(method.ReturnType))
            select $"{type.Name}.{method.Name}").Distinct().ToList();

        Assert.True(bare.Count == 0, "Field errors travel in a Failure (Result.Invalid):\n" + string.Join("\n", bare));
    }

    [Fact]
    public void TheRule_KnowsTheShape()
    {
        // Validators that collect every field first may keep a dictionary to themselves; the rule looks at what is returned.
        Assert.True(CarriesFieldErrors(typeof((string?, Dictionary<string, string[]>))));
        Assert.True(CarriesFieldErrors(typeof(Dictionary<string, string[]>)));
        Assert.False(CarriesFieldErrors(typeof(Result<string>)));
        Assert.Contains(PublicTypes, t => t.GetMethods().Any(m => Answer(m.ReturnType) == typeof(Result)));
    }

    private static Type Answer(Type returned) =>
        returned.IsGenericType && (returned.GetGenericTypeDefinition() == typeof(Task<>) || returned.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? returned.GetGenericArguments()[0]
            : returned;

    private static bool CarriesFieldErrors(Type type) =>
        type == typeof(Dictionary<string, string[]>)
        || (Nullable.GetUnderlyingType(type) is { } inner && CarriesFieldErrors(inner))
        || (type.IsGenericType && type.FullName?.StartsWith("System.ValueTuple", StringComparison.Ordinal) == true && type.GetGenericArguments().Any(CarriesFieldErrors));
}
