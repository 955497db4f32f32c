namespace Vigil.Linux.Checkers;

/// <summary>The response went past the read bound (an endless body).</summary>
internal sealed class ResponseTooLargeException(int max) : IOException($"response larger than {max} bytes");
