using System.Runtime.InteropServices;

namespace Vigil.Linux.Nft;

/// <summary>
/// libnftables (Debian libnftables1), the library behind the nft command: it parses nft syntax and sends
/// one netlink batch per call, so a buffer of commands is one atomic transaction (libnftables(3)).
/// Lives next to its only user rather than in Interop/ because this work stream owns Nft/ only.
/// </summary>
internal static partial class LibNftables
{
    public const string Library = "libnftables.so.1";

    // libnftables.h: enum nft_output_flags
    public const uint NFT_CTX_OUTPUT_HANDLE = 1u << 3;
    public const uint NFT_CTX_OUTPUT_JSON = 1u << 4;

    [LibraryImport(Library, EntryPoint = "nft_ctx_new")]
    public static partial nint CtxNew(uint flags);

    [LibraryImport(Library, EntryPoint = "nft_ctx_free")]
    public static partial void CtxFree(nint ctx);

    [LibraryImport(Library, EntryPoint = "nft_ctx_buffer_output")]
    public static partial int CtxBufferOutput(nint ctx);

    [LibraryImport(Library, EntryPoint = "nft_ctx_buffer_error")]
    public static partial int CtxBufferError(nint ctx);

    [LibraryImport(Library, EntryPoint = "nft_ctx_output_set_flags")]
    public static partial void CtxOutputSetFlags(nint ctx, uint flags);

    [LibraryImport(Library, EntryPoint = "nft_ctx_get_output_buffer")]
    public static partial nint CtxGetOutputBuffer(nint ctx);

    [LibraryImport(Library, EntryPoint = "nft_ctx_get_error_buffer")]
    public static partial nint CtxGetErrorBuffer(nint ctx);

    [LibraryImport(Library, EntryPoint = "nft_run_cmd_from_buffer", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RunCmdFromBuffer(nint ctx, string buffer);
}
