namespace Vigil.Linux.Checkers;

/// <summary>Result of <see cref="DnsMessage.CheckResponse"/>.</summary>
public enum DnsAnswerCheck
{
    Ok,
    Malformed,
    OtherId,
    NotAResponse,
    ErrorCode,
}
