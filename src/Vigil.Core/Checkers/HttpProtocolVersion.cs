namespace Vigil.Checkers;

/// <summary><c>http_protocol 1.0|1.0C|1.1</c> of HTTP_GET / SSL_GET (and genhash <c>-P</c>).</summary>
public enum HttpProtocolVersion
{
    /// <summary><c>1.0</c> (default): no Connection header.</summary>
    Http10,

    /// <summary><c>1.0C</c>: HTTP/1.0 plus <c>Connection: close</c>.</summary>
    Http10Close,

    /// <summary><c>1.1</c>: HTTP/1.1; keepalived 2.2.7 adds <c>Connection: close</c> (observed).</summary>
    Http11,
}
