"""Everyday words for the voice grammar's chatter loop: speech that is no
command ("is anyone up for coffee later?") is heard along a loop of these
instead of being forced onto the nearest command. Heard this way, a clip is
"not a command"; a real command still fits its own rule better, since the
loop is weighted down and holds no catalog words."""

WORDS = """
a about after again ago all almost also always am an and another any anybody anyone anything
are around as ask at away back bad be because been before being best better big bit both but
by call came can can't car cat coffee come coming could couldn't day days did didn't do does
doing done don't down each early eat else email even evening ever every everyone fine first
food for friend from fun game get getting give go going gone good got great guess had has
have haven't he he's hello her here hey hi him his holiday home hope hot how i i'll i'm i've
idea if in into is isn't it it's just keep kids kind know last late later let let's like
little long look looks lot love lunch made make man many maybe me meeting might mind minute
minutes money month more morning most much music must my name need never new news next nice
night no not nothing now of off office oh ok okay old on once one only or other our out over
people phone pick place play please pretty probably put quite rain rather really right said
same saw say see seems she should show sit so some someone something soon sorry start still
stop such sure sweet talk team tell than thank thanks that that's the their them then there
they thing things think this those though thought time tired to today together told too
tonight train tried trip try two up us use very wait want was watch water way we we're
weather week weekend well went were what what's when where which while who why will with
won't work working would yeah year yes yesterday yet you you're your
""".split()
