using Microsoft.AspNetCore.Identity;

namespace Autowartung.Identity.Accounts;

/// <summary>Identity's messages in German, worded so that none tells whether an address has an account.</summary>
public sealed class GermanIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Das Passwort muss mindestens {length} Zeichen lang sein." };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Das bisherige Passwort stimmt nicht." };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "Der Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an." };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = "Das ist keine gültige E-Mail-Adresse." };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = "Diese E-Mail-Adresse kann nicht verwendet werden." };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = "Diese E-Mail-Adresse kann nicht verwendet werden." };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Das Passwort braucht mindestens {uniqueChars} verschiedene Zeichen." };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = "Das hat nicht geklappt. Bitte versuchen Sie es erneut." };
}
