import t from 'tap';
import { parseContextMeta } from '../../src/config/docker-contexts.js';
import { parseSshConfig } from '../../src/config/ssh-config.js';

const file = { path: '/r/root/.ssh/config', systemPath: '/root/.ssh/config' };

t.test('ssh config: the two options, their block and line', async (t) => {
  const text = ['StrictHostKeyChecking ask', '', 'Host build.example.org build', '    User deploy', '    stricthostkeychecking no', '    UserKnownHostsFile=/dev/null', '# StrictHostKeyChecking no', 'Match host *.internal', '  StrictHostKeyChecking = accept-new', 'Host *', '  UserKnownHostsFile "~/.ssh/known hosts"'].join('\n');
  t.same(
    parseSshConfig(text, file).map((option) => [option.hostPattern, option.option, option.value, option.source.line]),
    [
      ['*', 'StrictHostKeyChecking', 'ask', 1],
      ['build.example.org build', 'StrictHostKeyChecking', 'no', 5],
      ['build.example.org build', 'UserKnownHostsFile', '/dev/null', 6],
      ['Match host *.internal', 'StrictHostKeyChecking', 'accept-new', 9],
      ['*', 'UserKnownHostsFile', '~/.ssh/known hosts', 11],
    ],
  );
  t.match(parseSshConfig('StrictHostKeyChecking no', file)[0]!.source, { path: file.path, systemPath: file.systemPath, line: 1 });
});

t.test('context meta.json', async (t) => {
  t.same(parseContextMeta('{"Name":"prod","Metadata":{},"Endpoints":{"docker":{"Host":"tcp://h:2376","SkipTLSVerify":true}}}'), { name: 'prod', host: 'tcp://h:2376', skipTlsVerify: true });
  t.same(parseContextMeta('{"Name":"p","Endpoints":{"docker":{"Host":"ssh://u@h"}}}'), { name: 'p', host: 'ssh://u@h', skipTlsVerify: false });
  t.match(parseContextMeta('{"Name":"p","Endpoints":{}}'), { error: /no Endpoints.docker.Host/ });
  t.match(parseContextMeta('null'), { error: /no "Name"/ });
  t.match(parseContextMeta('{"Name'), { error: /not valid JSON/ });
});
