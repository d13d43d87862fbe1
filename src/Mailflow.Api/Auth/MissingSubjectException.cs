using Microsoft.IdentityModel.Tokens;

namespace Mailflow.Api.Auth;

/// <summary>A validly signed token without a <c>sub</c>: refused, since every action must be audited under who took it.</summary>
public sealed class MissingSubjectException : SecurityTokenValidationException
{
    public MissingSubjectException() : base("The token has no subject (sub).")
    {
    }

    public MissingSubjectException(string message) : base(message)
    {
    }

    public MissingSubjectException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
