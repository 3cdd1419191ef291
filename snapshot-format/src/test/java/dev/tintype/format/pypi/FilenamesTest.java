package dev.tintype.format.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilenamesTest {

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource({
    "six, six-1.17.0-py2.py3-none-any.whl, 1.17.0",
    "simplewheel, simplewheel-2.0-1-py2.py3-none-any.whl, 2.0",
    "simple.dist, simple.dist-0.1-py2.py3-none-any.whl, 0.1",
    "django-devserver, django_devserver-0.8.0-py3-none-any.whl, 0.8.0",
    "PyYAML, PyYAML-3.13-cp27-cp27m-win_amd64.whl, 3.13",
    "pkg-prerelease, pkg_prerelease-1.0a1-py3-none-any.whl, 1.0a1",
    "invalid-version, invalid_version-2010i-py3-none-any.whl, 2010i",
    "six, six-1.17.0.tar.gz, 1.17.0",
    "trove-classifiers, trove_classifiers-2025.12.1.14.tar.gz, 2025.12.1.14",
    "aws-adfs-ebsco, aws-adfs-ebsco-0.3.6-2.tar.gz, 0.3.6-2",
    "discord-py, discord.py-2.0.0.tar.gz, 2.0.0",
    "jupyter, jupyter-1.0.0.zip, 1.0.0",
    "Twisted, Twisted-18.9.0.tar.bz2, 18.9.0",
    "singlemodule, singlemodule-0.0.1.tar.xz, 0.0.1",
    "singlemodule, singlemodule-0.0.1.tar.lzma, 0.0.1",
    "INITools, INITools-0.1.tar.gz, 0.1",
    "hbmqtt, hbmqtt-0.9.6-py3.8.egg, 0.9.6",
    "hbmqtt, hbmqtt-0.9.6.linux-x86_64.tar.gz, 0.9.6",
    "PyYAML, PyYAML-3.13.win32-py2.7.exe, 3.13",
    "pywin32, pywin32-1.0.win-amd64-py3.6.msi, 1.0",
    "calver, calver-2025.10.20.tar.gz, 2025.10.20",
    "in-place, in_place-0.1.1-py2.py3-none-any.whl, 0.1.1",
    "foo, foo-v1.0.tar.gz, v1.0",
  })
  void readsTheVersionOfTheProjectsFiles(String project, String filename, String version) {
    assertThat(Filenames.version(new ProjectName(project), filename)).contains(version);
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource({
    "pytest, futures-3.2.0-py2-none-any.whl",
    "foo, foo-bar-1.0.tar.gz",
    "foo-bar, foo-1.0.tar.gz",
    "six, six-1.0-py3-none.whl",
    "six, six-1.0-1-2-py3-none-any.whl",
    "six, six-1.0.rpm",
    "six, six.tar.gz",
    "six, six-.tar.gz",
    "six-unknown-version, six_unknown_version-unknown.tar.gz",
    "six, six-1.0-py3-none-any.WHL.txt",
  })
  void findsNoVersionInOtherProjectsOrUnreadableNames(String project, String filename) {
    assertThat(Filenames.version(new ProjectName(project), filename)).isEqualTo(Optional.empty());
  }
}
