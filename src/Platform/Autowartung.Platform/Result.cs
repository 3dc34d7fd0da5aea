using System.Diagnostics.CodeAnalysis;

namespace Autowartung.Platform;

/// <summary>How a use case ended: done, or why not.</summary>
public enum ResultStatus
{
    Ok,

    /// <summary>Nothing of that id for this caller: missing, in another city, or not theirs. The web answers 404.</summary>
    NotFound,

    /// <summary>The input is wrong; <see cref="Failure.Errors"/> names each field. The web answers 400.</summary>
    Invalid,

    /// <summary>The input is fine but the thing is not in a state that allows it; <see cref="Failure.Reason"/> says why. The web answers 409.</summary>
    Conflict,

    /// <summary>An uploaded file is bigger than allowed (in bytes or in pixels); <see cref="Failure.Reason"/> says the limit. The web answers 413.</summary>
    TooLarge,

    /// <summary>An uploaded file is not of a type taken here, as its bytes tell; <see cref="Failure.Reason"/> names the types. The web answers 415.</summary>
    UnsupportedType,
}

/// <summary>
/// Why a use case did not do what was asked. Field names are the request's (camelCase); messages are
/// German, the language of the platform's domain, and the web renders them in the reader's language.
/// </summary>
public sealed record Failure(ResultStatus Status, IReadOnlyDictionary<string, string[]> Errors, string? Reason)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>What a caller may show besides the reason (the unmet criteria of a refused go-live, say).</summary>
    public object? Details { get; init; }

    internal static Failure Of(ResultStatus status, string? reason = null) => new(status, NoErrors, reason);
}

/// <summary>
/// The one shape every use case answers with, when it has no value to give back. Failures come from the
/// factories here and convert to both <see cref="Result"/> and <see cref="Result{T}"/>:
/// <c>return Result.NotFound();</c> works in either.
/// </summary>
public readonly record struct Result
{
    private Result(Failure? failure) => Failure = failure;

    public static Result Ok { get; } = new(null);

    public Failure? Failure { get; }

    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public ResultStatus Status => Failure?.Status ?? ResultStatus.Ok;

    public static Failure NotFound() => Failure.Of(ResultStatus.NotFound);

    /// <summary>Not found, saying which of the request's ids it was (a booking names a quote and a slot, say).</summary>
    public static Failure NotFound(string reason) => Failure.Of(ResultStatus.NotFound, reason);

    public static Failure Invalid(string field, string message) =>
        new(ResultStatus.Invalid, new Dictionary<string, string[]> { [field] = [message] }, null);

    /// <summary>Several messages on one field: every bad line of an upload, say.</summary>
    public static Failure Invalid(string field, IEnumerable<string> messages) =>
        new(ResultStatus.Invalid, new Dictionary<string, string[]> { [field] = [.. messages] }, null);

    public static Failure Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        errors.Count > 0 ? new(ResultStatus.Invalid, errors, null) : throw new ArgumentException("An invalid result names at least one field.", nameof(errors));

    public static Failure Conflict(string reason, object? details = null) => Failure.Of(ResultStatus.Conflict, reason) with { Details = details };

    public static Failure TooLarge(string reason) => Failure.Of(ResultStatus.TooLarge, reason);

    public static Failure UnsupportedType(string reason) => Failure.Of(ResultStatus.UnsupportedType, reason);

    /// <summary>Ok when <paramref name="errors"/> is empty, else invalid with them: for validation that collects every field first.</summary>
    public static Result From(IReadOnlyDictionary<string, string[]> errors) => errors.Count == 0 ? Ok : Invalid(errors);

    public static implicit operator Result(Failure failure) => new(failure);
}

/// <summary>A use case's answer with the value it gives back on success.</summary>
public readonly record struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Failure? failure) => (_value, Failure) = (value, failure);

    public Failure? Failure { get; }

    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public ResultStatus Status => Failure?.Status ?? ResultStatus.Ok;

    /// <summary>The value; asking a failed result for it is a bug in the caller.</summary>
    public T Value => Succeeded ? _value! : throw new InvalidOperationException($"The result is {Status}, not Ok.");

    /// <summary>The same failure without the value, for a caller that passes it on.</summary>
    public Result WithoutValue() => Succeeded ? Result.Ok : Failure;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Failure failure) => new(default, failure);
}
