using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace S3Exchange.Build.Tests.Packaging;

/// <summary>What the packaging tests read from a portable PDB, with System.Reflection.Metadata.</summary>
internal sealed record PortablePdb(BlobContentId Id, string? SourceLink, IReadOnlyList<string> Documents)
{
    /// <summary>The kind of the module's custom debug information that holds the Source Link JSON.</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    /// <summary>A standalone .pdb file.</summary>
    public static PortablePdb Read(byte[] pdb)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbImage(ImmutableArray.Create(pdb));
        return Read(provider.GetMetadataReader());
    }

    /// <summary>The PDB embedded in an assembly (DebugType embedded).</summary>
    public static PortablePdb ReadEmbedded(byte[] assembly)
    {
        using var pe = new PEReader(ImmutableArray.Create(assembly));
        var entry = pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        using var provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(entry);
        return Read(provider.GetMetadataReader());
    }

    /// <summary>The id of the PDB an assembly was built with (its CodeView debug directory entry).</summary>
    public static BlobContentId ExpectedBy(byte[] assembly)
    {
        using var pe = new PEReader(ImmutableArray.Create(assembly));
        var entry = pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.CodeView);
        return new BlobContentId(pe.ReadCodeViewDebugDirectoryData(entry).Guid, entry.Stamp);
    }

    /// <summary>
    /// The commit an assembly was built from: the SDK appends it to the informational version
    /// ("0.1.0+&lt;commit&gt;"), from the same git lookup that gives Source Link its commit.
    /// </summary>
    public static string BuiltCommit(byte[] assembly)
    {
        using var pe = new PEReader(ImmutableArray.Create(assembly));
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind == HandleKind.MemberReference
                && reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is { Kind: HandleKind.TypeReference } type
                && reader.GetString(reader.GetTypeReference((TypeReferenceHandle)type).Name) == "AssemblyInformationalVersionAttribute")
            {
                var value = reader.GetBlobReader(attribute.Value);
                value.ReadUInt16(); // the custom attribute blob's prolog
                var version = value.ReadSerializedString()!;
                return version[(version.IndexOf('+', StringComparison.Ordinal) + 1)..];
            }
        }

        throw new InvalidOperationException("The assembly has no AssemblyInformationalVersionAttribute.");
    }

    private static PortablePdb Read(MetadataReader reader)
    {
        string? sourceLink = null;
        foreach (var handle in reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var information = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(information.Kind) == SourceLinkKind)
            {
                sourceLink = Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value));
            }
        }

        var documents = reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToList();
        return new PortablePdb(new BlobContentId(reader.DebugMetadataHeader!.Id), sourceLink, documents);
    }
}
