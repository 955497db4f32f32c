namespace Vigil.Checkers;

/// <summary>One entry of <c>status_code N|A-B ...</c>.</summary>
public readonly record struct StatusCodeRange(int From, int To)
{
    /// <summary>keepalived's default when no <c>status_code</c> is given: any 2xx.</summary>
    public static StatusCodeRange Default { get; } = new(200, 299);

    public bool Contains(int code) => code >= From && code <= To;
}
