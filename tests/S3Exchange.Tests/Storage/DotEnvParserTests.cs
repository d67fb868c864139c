namespace S3Exchange.Tests.Storage;

/// <summary>The .env syntax, on text: no file, no environment.</summary>
public sealed class DotEnvParserTests
{
    private static string ValueOf(string text, string key = "KEY") => Assert.Contains(key, DotEnvParser.Parse(text, "test.env"));

    [Theory]
    [InlineData("KEY=value", "value")]
    [InlineData("export KEY=value", "value")]
    [InlineData("export\tKEY=value", "value")]
    [InlineData("  export   KEY = value", "value")]
    [InlineData("  KEY  =   spaced value   ", "spaced value")]
    [InlineData("KEY=\tvalue\t", "value")]
    [InlineData("KEY=", "")]
    [InlineData("KEY=   ", "")]
    [InlineData("KEY=a=b", "a=b")]
    [InlineData("KEY=http://host/path#fragment", "http://host/path#fragment")]
    [InlineData("KEY=#not-a-comment", "#not-a-comment")]
    [InlineData("KEY=value # a comment", "value")]
    [InlineData("KEY=value\t# a comment", "value")]
    [InlineData("KEY= # only a comment", "")]
    [InlineData("KEY=it's \"as is\"", "it's \"as is\"")]
    public void Unquoted_values_are_trimmed_and_end_at_a_comment_after_whitespace(string line, string value)
    {
        Assert.Equal(value, ValueOf(line));
    }

    [Theory]
    [InlineData("KEY='literal'", "literal")]
    [InlineData("KEY=' spaces kept '", " spaces kept ")]
    [InlineData(@"KEY='no \n escapes \\ here'", @"no \n escapes \\ here")]
    [InlineData("KEY='a # not a comment'", "a # not a comment")]
    [InlineData("KEY='say \"hi\"'", "say \"hi\"")]
    [InlineData("KEY='value' # a comment", "value")]
    [InlineData("KEY=''", "")]
    public void Single_quoted_values_are_literal(string line, string value)
    {
        Assert.Equal(value, ValueOf(line));
    }

    [Theory]
    [InlineData(@"KEY=""line\nbreak""", "line\nbreak")]
    [InlineData(@"KEY=""tab\there""", "tab\there")]
    [InlineData(@"KEY=""cr\r""", "cr\r")]
    [InlineData(@"KEY=""say \""hi\""""", "say \"hi\"")]
    [InlineData(@"KEY=""back\\slash""", @"back\slash")]
    [InlineData(@"KEY=""C:\\dir\\file""", @"C:\dir\file")]
    [InlineData(@"KEY=""unknown \x escape""", @"unknown \x escape")]
    [InlineData(@"KEY=""it's # not a comment""", "it's # not a comment")]
    [InlineData(@"KEY="" padded "" # a comment", " padded ")]
    [InlineData(@"KEY=""""", "")]
    public void Double_quoted_values_understand_escapes(string line, string value)
    {
        Assert.Equal(value, ValueOf(line));
    }

    [Fact]
    public void Quoted_values_may_span_lines_and_later_lines_keep_their_numbers()
    {
        var values = DotEnvParser.Parse("FIRST=\"one\ntwo\r\nthree\"\nSECOND='a\nb'\nTHIRD=3\n", "test.env");

        Assert.Equal("one\ntwo\nthree", values["FIRST"]);
        Assert.Equal("a\nb", values["SECOND"]);
        Assert.Equal("3", values["THIRD"]);
        var ex = Assert.Throws<FormatException>(() => DotEnvParser.Parse("FIRST=\"one\ntwo\"\nbroken\n", "test.env"));
        Assert.StartsWith("test.env, line 3:", ex.Message);
    }

    [Fact]
    public void Comments_blank_lines_CRLF_and_a_byte_order_mark_are_ignored()
    {
        var values = DotEnvParser.Parse("\uFEFF# a comment\r\n\r\n   \r\n  # an indented comment\r\nA=1\r\nB='2'\r\nC=\"3\"\r\nD=4 # four\r\n", "test.env");

        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2", ["C"] = "3", ["D"] = "4" }, values);
    }

    [Fact]
    public void The_last_line_needs_no_line_break_and_a_repeated_key_keeps_its_last_value()
    {
        var values = DotEnvParser.Parse("KEY=first\nKEY=second", "test.env");

        Assert.Equal("second", Assert.Single(values).Value);
    }

    [Theory]
    [InlineData("export=1", "export", "1")]
    [InlineData("exported=1", "exported", "1")]
    [InlineData("lower_case.dotted-key=1", "lower_case.dotted-key", "1")]
    [InlineData("_UNDERSCORE9=1", "_UNDERSCORE9", "1")]
    public void Keys_are_names_and_export_is_a_key_when_no_space_follows(string line, string key, string value)
    {
        Assert.Equal(value, ValueOf(line, key));
    }

    [Fact]
    public void Empty_text_has_no_values()
    {
        Assert.Empty(DotEnvParser.Parse("", "test.env"));
        Assert.Empty(DotEnvParser.Parse("\uFEFF", "test.env"));
        Assert.Empty(DotEnvParser.Parse("\n\n# nothing\n", "test.env"));
    }

    [Theory]
    [InlineData("just words", 1, "expected KEY=value")]
    [InlineData("export KEY", 1, "expected KEY=value")]
    [InlineData("=value", 1, "the key is empty")]
    [InlineData("TWO WORDS=value", 1, "'TWO WORDS' is not a variable name")]
    [InlineData("9LIVES=value", 1, "'9LIVES' is not a variable name")]
    [InlineData("\"KEY\"=value", 1, "'\"KEY\"' is not a variable name")]
    [InlineData("A=1\nKEY='open", 2, "opening ' is never closed")]
    [InlineData("A=1\r\n\r\nKEY=\"open\nstill open", 3, "opening \" is never closed")]
    [InlineData(@"KEY=""ends in a backslash\""", 1, "opening \" is never closed")]
    [InlineData("KEY='a' b", 1, "unexpected 'b' after the closing quote")]
    [InlineData("KEY=\"a\nb\" c", 2, "unexpected 'c' after the closing quote of the value that starts on line 1")]
    public void A_malformed_line_is_an_error_naming_the_source_and_the_line(string text, int line, string problem)
    {
        var ex = Assert.Throws<FormatException>(() => DotEnvParser.Parse(text, "/some/folder/.env"));

        Assert.StartsWith($"/some/folder/.env, line {line}: ", ex.Message);
        Assert.Contains(problem, ex.Message);
    }
}
