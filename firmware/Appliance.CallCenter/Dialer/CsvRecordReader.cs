namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Splits RFC 4180 text into records. Accepts CRLF or bare LF line ends (§2.1 asks for CRLF;
/// spreadsheets on Linux write LF). A record that breaks the quoting rules is returned with
/// <see cref="CsvRecord.Error"/> set and reading goes on at the next line end outside quotes.
/// Shared by the contact lists and the customer import. Not thread-safe; the caller owns the reader.
/// </summary>
public sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private int _line = 1;

    public CsvRecordReader(TextReader reader) => _reader = reader;

    /// <summary>The next record, or null at the end of the text. Blank lines are skipped.</summary>
    public CsvRecord? Read()
    {
        while (_reader.Peek() >= 0)
        {
            var record = ReadRecord();
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0 && record.Error is null)
            {
                continue;
            }

            return record;
        }

        return null;
    }

    private CsvRecord ReadRecord()
    {
        var startLine = _line;
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        string? error = null;
        var quoted = false;
        var afterClosingQuote = false;

        while (true)
        {
            var next = _reader.Read();
            if (next < 0)
            {
                if (quoted)
                {
                    error ??= "quoted field not closed before the end of the file";
                }

                fields.Add(field.ToString());
                return new CsvRecord(startLine, fields, error);
            }

            var c = (char)next;
            if (quoted)
            {
                if (c == '"')
                {
                    // RFC 4180 §2.7: a quote inside a quoted field is written as two quotes.
                    if (_reader.Peek() == '"')
                    {
                        _reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                        afterClosingQuote = true;
                    }
                }
                else
                {
                    _line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    afterClosingQuote = false;
                    break;
                case '\r' when _reader.Peek() == '\n':
                    break;
                case '\n':
                    _line++;
                    fields.Add(field.ToString());
                    return new CsvRecord(startLine, fields, error);
                case '"' when field.Length == 0 && !afterClosingQuote:
                    quoted = true;
                    break;
                case '"':
                    // RFC 4180 §2.5: a field holding quotes must itself be enclosed in quotes.
                    error ??= $"stray quote in field {fields.Count + 1}";
                    break;
                default:
                    if (afterClosingQuote)
                    {
                        error ??= $"text after the closing quote of field {fields.Count + 1}";
                    }

                    field.Append(c);
                    break;
            }
        }
    }
}
