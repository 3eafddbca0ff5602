package io.waihu.telephony.sip;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;

/**
 * The stack's SIP parser, with parse errors that say nothing of the parser. The stack answers an
 * unparseable request with {@code 400 Bad Request (<the exception's localized message>)}, which
 * echoed the parser's internals (lexer states, header class names, pieces of the input) to anyone
 * who sent garbage. Every parse error leaving the parser is wrapped so its localized message is a
 * fixed word; the original stays as the cause and in {@link ParseException#getMessage()} for our
 * own DEBUG log.
 *
 * <p>Named by class in the stack property {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}, so it
 * is public with a public no-argument constructor.
 */
public final class TerseParseErrors implements MessageParserFactory {

    /** What a 400 for an unparseable message says, after "Bad Request". */
    static final String REASON = "malformed";

    private final MessageParserFactory stack = new StringMsgParserFactory();

    @Override
    public MessageParser createMessageParser(SIPTransactionStack sipStack) {
        MessageParser parser = stack.createMessageParser(sipStack);
        return (bytes, readBody, strict, listener) -> {
            ParseExceptionListener terse = listener == null ? null
                    : (e, message, headerClass, header, text) ->
                            listener.handleException(Terse.of(e), message, headerClass, header, text);
            try {
                return parser.parseSIPMessage(bytes, readBody, strict, terse);
            } catch (ParseException e) {
                throw Terse.of(e);
            }
        };
    }

    /** A parse error whose localized message (the one the stack puts in a 400) is fixed. */
    static final class Terse extends ParseException {

        private static final long serialVersionUID = 1L;

        private Terse(ParseException cause) {
            super(cause.getMessage(), cause.getErrorOffset());
            initCause(cause);
        }

        static ParseException of(ParseException e) {
            return e instanceof Terse ? e : new Terse(e);
        }

        @Override
        public String getLocalizedMessage() {
            return REASON;
        }
    }

}
