import t from 'tap';
import { splitShellWords } from '../../src/config/shell-words.js';

const texts = (line: string, lookup?: (name: string) => string | undefined) => splitShellWords(line, lookup).words.map((word) => word.text);

t.test('quotes, escapes and continuations', async (t) => {
  t.same(texts('/usr/bin/dockerd -H fd:// --label "owner=ops team"'), ['/usr/bin/dockerd', '-H', 'fd://', '--label', 'owner=ops team']);
  t.same(texts(`a 'single "kept"' "double 'kept'" b\\ c`), ['a', 'single "kept"', "double 'kept'", 'b c']);
  t.same(texts('a \\\n  b'), ['a', 'b'], 'backslash-newline joins the lines');
  t.same(texts('"" x'), ['', 'x'], 'an empty quoted word is a word');
  t.same(texts('  \t '), []);
  t.equal(splitShellWords('a "b').error, 'an unclosed " quote');
});

t.test('$NAME and ${NAME} expand and split; the word remembers its variable', async (t) => {
  const env: Record<string, string> = { DOCKER_OPTS: '-H tcp://0.0.0.0:2375 --tls', EMPTY: '' };
  const lookup = (name: string) => env[name];
  const words = splitShellWords('dockerd -H fd:// $DOCKER_OPTS', lookup).words;
  t.same(words.map((word) => word.text), ['dockerd', '-H', 'fd://', '-H', 'tcp://0.0.0.0:2375', '--tls']);
  t.same(words.map((word) => word.variable), [null, null, null, 'DOCKER_OPTS', 'DOCKER_OPTS', 'DOCKER_OPTS']);
  t.same(texts('dockerd ${DOCKER_OPTS}', lookup), ['dockerd', '-H', 'tcp://0.0.0.0:2375', '--tls']);
  t.same(texts('dockerd $EMPTY $UNSET x', lookup), ['dockerd', 'x'], 'empty and unset variables give no word');
  t.same(texts('dockerd "$DOCKER_OPTS"', lookup), ['dockerd', '-H tcp://0.0.0.0:2375 --tls'], 'quoted: one word');
  t.same(texts('echo $$HOME', lookup), ['echo', '$HOME'], '$$ is a literal $');
  t.same(texts('dockerd $DOCKER_OPTS'), ['dockerd', '$DOCKER_OPTS'], 'without a lookup nothing expands');
});

t.test('word offsets point into the line', async (t) => {
  const words = splitShellWords('dockerd  -H fd://').words;
  t.same(words.map((word) => word.offset), [0, 9, 12]);
});
